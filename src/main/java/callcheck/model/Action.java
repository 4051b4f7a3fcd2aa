package callcheck.model;

/** An action of the project. */
public final class Action {
    private String title;
    private Boolean concrete;
    private Boolean visible;

    public Action() {
    }

    public Action(String title, Boolean concrete, Boolean visible) {
        this.title = title;
        this.concrete = concrete;
        this.visible = visible;
    }

    public String getTitle() { return title; }
    public Boolean getConcrete() { return concrete; }
    public Boolean getVisible() { return visible; }
}

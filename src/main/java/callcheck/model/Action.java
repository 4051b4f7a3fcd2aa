package callcheck.model;

/**
 * An action of the project (call 426 asks for concrete and visible actions; the actions call for actions the
 * network formulates). A field is null when the proposal does not say.
 */
public final class Action {
    private String title;
    private Boolean concrete;
    private Boolean visible;

    /** An action with every field absent; JSON reading fills it in. */
    public Action() {
    }

    /**
     * An action as the proposal describes it.
     *
     * @param title    what the action is called, or null
     * @param concrete whether the action is concrete, or null when not said
     * @param visible  whether the action is visible to the public, or null when not said
     */
    public Action(String title, Boolean concrete, Boolean visible) {
        this.title = title;
        this.concrete = concrete;
        this.visible = visible;
    }

    /** @return what the action is called, or null */
    public String getTitle() { return title; }
    /** @return whether the action is concrete, or null when not said */
    public Boolean getConcrete() { return concrete; }
    /** @return whether the action is visible, or null when not said */
    public Boolean getVisible() { return visible; }
}

package callcheck.http;

import callcheck.engine.Engine;
import callcheck.engine.PackSet;
import callcheck.pack.PackLoader;
import callcheck.pack.RulePack;
import callcheck.support.Packs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's packs plus call 999, whose only rule throws while it runs: a bug inside the service, on demand. */
final class FaultyPack {
    static final String CALL = "999";
    /** A day that version 2020-01-01 of call 999 governs. */
    static final String DAY = "2020-01-02";

    private FaultyPack() {
    }

    static Engine engine() {
        Path root = Path.of("src/test/resources/packs/faulty");
        RulePack bug = new PackLoader().load(root, root.resolve("999/2020-01-01"));
        List<RulePack> packs = new ArrayList<>(Packs.engine().packs().all());
        packs.add(bug);
        return new Engine(new PackSet(packs, Packs.engine().packs().reference()));
    }
}

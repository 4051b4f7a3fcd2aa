package example;

import callcheck.engine.Engine;

import java.util.TreeSet;

/** Loads the calls' packs from the callcheck-packs artifact on the class path and prints the calls they hold. */
public final class Packs {
    public static void main(String[] args) {
        try (Engine engine = Engine.fromClasspath("callcheck/packs")) {
            System.out.println("CALLS " + String.join(",", new TreeSet<>(engine.calls())));
        }
    }
}

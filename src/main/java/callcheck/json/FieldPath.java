package callcheck.json;

import callcheck.model.Proposal;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A path to a fact of the proposal, written as in the JSON ({@code financing.amif}, {@code partners[].kind}),
 * checked against the model when a pack loads and then used to list the facts that a proposal leaves out.
 * {@code []} after a list means "in every element"; an absent list counts as missing itself.
 * <p>
 * A path means what the proposal said: it is read from the model's field as parsed, not through a getter that
 * answers an absent list as empty ({@code Proposal.getPartners()}), so that {@code @needs("partners")} gives MISSING
 * for an absent or null list and passes an empty one, which is a value.
 */
public final class FieldPath {
    private final String text;
    private final List<Step> steps;

    /** One step: read through the field as parsed when the model has one, else through the getter. */
    private record Step(String name, Method getter, java.lang.reflect.Field field, boolean each) {
    }

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Compiles the path against the proposal model; an unknown field is an IllegalArgumentException. */
    public static FieldPath compile(String text) {
        List<Step> steps = new ArrayList<>();
        Class<?> type = Proposal.class;
        for (String part : text.split("\\.")) {
            boolean each = part.endsWith("[]");
            String name = each ? part.substring(0, part.length() - 2) : part;
            if (type == null || name.isEmpty()) throw new IllegalArgumentException("'" + text + "' is not a path of the proposal");
            Method getter;
            try {
                getter = type.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("'" + text + "': the proposal has no field '" + name + "' there; "
                        + type.getSimpleName() + " has " + String.join(", ", fieldNames(type)));
            }
            Type generic = getter.getGenericReturnType();
            if (each) {
                if (!List.class.isAssignableFrom(getter.getReturnType())) {
                    throw new IllegalArgumentException("'" + text + "': '" + name + "' is not a list");
                }
                Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
                type = modelClass((Class<?>) element);
            } else {
                type = modelClass(getter.getReturnType());
            }
            // Skipping the access check on every read keeps a missing-facts scan cheap.
            getter.setAccessible(true);
            java.lang.reflect.Field field = fieldOf(getter.getDeclaringClass(), name);
            steps.add(new Step(name, getter, field, each));
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    /** The fields a path may name in the type, as written in the JSON, in declaration order. */
    public static List<String> fieldNames(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
            try {
                type.getMethod("get" + Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1));
                out.add(f.getName());
            } catch (NoSuchMethodException e) {
                // not readable by a rule
            }
        }
        return out;
    }

    private static java.lang.reflect.Field fieldOf(Class<?> type, String name) {
        try {
            java.lang.reflect.Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            return null; // a derived value (Proposal.getOthers()): only its getter says what it is
        }
    }

    private static Class<?> modelClass(Class<?> c) {
        return c.getPackage() == Proposal.class.getPackage() && !c.isEnum() ? c : null;
    }

    /** The concrete paths (with indices) of this fact that the proposal leaves out. */
    public List<String> missing(Proposal proposal) {
        // Most proposals leave nothing out: look first, and only spell out the paths when something is missing.
        if (complete(proposal, 0)) return List.of();
        List<String> out = new ArrayList<>(2);
        walk(proposal, 0, "", out);
        return out;
    }

    private boolean complete(Object node, int i) {
        if (i == steps.size()) return true;
        Step s = steps.get(i);
        Object value = read(s, node);
        if (value == null) return false;
        if (!s.each) return complete(value, i + 1);
        List<?> list = (List<?>) value;
        for (int k = 0; k < list.size(); k++) if (!complete(list.get(k), i + 1)) return false;
        return true;
    }

    private void walk(Object node, int i, String at, List<String> out) {
        if (i == steps.size()) return;
        Step s = steps.get(i);
        String here = at.isEmpty() ? s.name : at + "." + s.name;
        Object value = read(s, node);
        if (value == null) {
            out.add(here);
            return;
        }
        if (s.each) {
            List<?> list = (List<?>) value;
            for (int k = 0; k < list.size(); k++) walk(list.get(k), i + 1, here + "[" + k + "]", out);
        } else {
            walk(value, i + 1, here, out);
        }
    }

    private static Object read(Step s, Object node) {
        try {
            return s.field != null ? s.field.get(node) : s.getter.invoke(node);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + s.name, e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

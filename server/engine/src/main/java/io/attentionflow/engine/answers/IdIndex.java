package io.attentionflow.engine.answers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps external ids (strings) to dense int ids in order of first appearance, and back. */
public final class IdIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The dense id of {@code name}, assigning the next free one if it is new. */
    public int intern(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int fresh = names.size();
        ids.put(name, fresh);
        names.add(name);
        return fresh;
    }

    /** The dense id of {@code name}, or -1 if it was never interned. */
    public int find(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    public String name(int id) { return names.get(id); }

    public int size() { return names.size(); }

    public List<String> names() { return List.copyOf(names); }
}

package dev.fxnet.compare;

import java.util.ArrayList;
import java.util.List;

/** Numbered Markdown footnotes, one per distinct text, for the reasons behind {@code —} cells. */
final class Footnotes {
    private final List<String> texts = new ArrayList<>();

    /** The marker {@code [^n]} of {@code text}, adding it if new. */
    String mark(String text) {
        int i = texts.indexOf(text);
        if (i < 0) {
            texts.add(text);
            i = texts.size() - 1;
        }
        return "[^" + (i + 1) + "]";
    }

    /** Appends the footnotes, if any. */
    void appendTo(StringBuilder b) {
        if (!texts.isEmpty()) {
            b.append('\n');
        }
        for (int i = 0; i < texts.size(); i++) {
            b.append("[^").append(i + 1).append("]: ").append(texts.get(i).replace('\n', ' ')).append('\n');
        }
    }
}

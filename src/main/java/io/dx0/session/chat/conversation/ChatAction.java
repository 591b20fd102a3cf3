package io.dx0.session.chat.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The actions a Dx0 client frame may carry. */
public enum ChatAction {
    QUESTION, TEST, DIAGNOSIS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChatAction> fromWire(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(name)).findFirst();
    }
}

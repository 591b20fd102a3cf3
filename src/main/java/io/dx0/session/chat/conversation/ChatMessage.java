package io.dx0.session.chat.conversation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A valid client frame: an action and 1..10000 characters of plain text (never interpreted as markup). */
@RegisterForReflection
public record ChatMessage(ChatAction action, String content) {

    public static final int MAX_CONTENT_CHARS = 10_000;
}

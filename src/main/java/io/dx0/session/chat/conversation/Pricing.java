package io.dx0.session.chat.conversation;

/**
 * What answering a message costs, decided before anything is charged.
 *
 * @param amount       minor units; 0 for free messages
 * @param orderedItem  recorded in the session's ordered tests when the charge is accepted; may be null
 * @param refusalCode  non-null when the handler will not answer: the error frame's code, nothing charged
 */
public record Pricing(long amount, String orderedItem, String refusalCode, String refusal) {

    public static final Pricing FREE = new Pricing(0, null, null, null);

    public static Pricing charge(long amount, String orderedItem) {
        return new Pricing(amount, orderedItem, null, null);
    }

    public static Pricing refuse(String code, String message) {
        return new Pricing(0, null, code, message);
    }

    public boolean refused() {
        return refusalCode != null;
    }

    public boolean needsCharge() {
        return amount > 0 || orderedItem != null;
    }
}

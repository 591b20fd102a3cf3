package io.dx0.session.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.domain.Session;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Multi;

/**
 * The built-in handler: questions are answered with the sentences of the case text that share a
 * word with the question; a test from the catalogue is ordered at its price and its result returned;
 * a diagnosis is refused (the demo has no model to judge it).
 */
@DefaultBean
@ApplicationScoped
public class DemoConversationHandler implements ConversationHandler {

    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "is", "are", "was", "there", "any",
            "does", "do", "what", "how", "of", "to", "and", "or", "in", "on", "with", "for", "has", "have", "he",
            "she", "they", "patient", "it");

    /** Test names an unknown-test refusal lists: enough for a demo catalogue, short for a long one. */
    static final int NAMES_LISTED = 12;

    private final DemoCase demo;

    DemoConversationHandler(DemoCase demo) {
        this.demo = demo;
    }

    @Override
    public Pricing price(Session session, ChatMessage message) {
        return switch (message.action()) {
            case QUESTION -> Pricing.FREE;
            case DIAGNOSIS -> Pricing.refuse("not_supported", "The demo case does not take diagnoses");
            case TEST -> demo.test(message.content())
                    .map(test -> Pricing.charge(test.price(), test.name()))
                    .orElseGet(() -> Pricing.refuse("unknown_test", unknownTest()));
        };
    }

    /**
     * What a person who typed a name the catalogue does not have needs: the names it has (the first
     * {@value #NAMES_LISTED} of a long catalogue, and how many more).
     */
    private String unknownTest() {
        List<String> names = demo.tests().stream().map(DemoCase.CatalogueTest::name).toList();
        String listed = String.join(", ", names.subList(0, Math.min(NAMES_LISTED, names.size())));
        return "Not in the test catalogue; it has: " + listed
                + (names.size() > NAMES_LISTED ? " and " + (names.size() - NAMES_LISTED) + " more" : "");
    }

    @Override
    public Multi<String> reply(Session session, ChatMessage message) {
        return Multi.createFrom().iterable(switch (message.action()) {
            case QUESTION -> answer(message.content());
            case TEST -> demo.test(message.content())
                    .map(test -> List.of(test.name() + ": ", test.result()))
                    .orElse(List.of());
            case DIAGNOSIS -> List.of();
        });
    }

    private List<String> answer(String question) {
        Set<String> words = words(question);
        List<String> sentences = Arrays.stream(demo.text().split("(?<=\\.)\\s+"))
                .filter(sentence -> words(sentence).stream().anyMatch(words::contains))
                .map(sentence -> sentence + " ")
                .toList();
        return sentences.isEmpty() ? List.of("The case notes do not say.") : sentences;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w))
                .collect(Collectors.toSet());
    }
}

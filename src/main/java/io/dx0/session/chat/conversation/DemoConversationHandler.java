package io.dx0.session.chat.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.dx0.session.session.Session;
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

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.)\\s+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final DemoCase demo;
    /** The case text's sentences with their words, taken apart once: the text does not change. */
    private final List<Sentence> sentences;

    private record Sentence(String answer, Set<String> words) {
    }

    DemoConversationHandler(DemoCase demo) {
        this.demo = demo;
        this.sentences = SENTENCE_END.splitAsStream(demo.text())
                .map(sentence -> new Sentence(sentence + " ", words(sentence)))
                .toList();
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
        List<String> answer = sentences.stream()
                .filter(sentence -> sentence.words().stream().anyMatch(words::contains))
                .map(Sentence::answer)
                .toList();
        return answer.isEmpty() ? List.of("The case notes do not say.") : answer;
    }

    private static Set<String> words(String text) {
        return NOT_A_WORD.splitAsStream(text.toLowerCase(Locale.ROOT))
                .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w))
                .collect(Collectors.toSet());
    }
}

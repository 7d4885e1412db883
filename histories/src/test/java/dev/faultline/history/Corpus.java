package dev.faultline.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared reference corpus beside the checkout (system property {@code faultline.corpus}). */
public final class Corpus {
    private Corpus() {}

    public static Path root() {
        String configured = System.getProperty("faultline.corpus");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpus");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the reference corpus is missing at " + root.toAbsolutePath()
                    + "; it must sit at ../shared/corpus beside the checkout");
        }
        return root;
    }

    /** Every history file in the corpus (not the READMEs or the verdict table). */
    public static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().endsWith(".tsv"))
                    .sorted()
                    .toList();
        }
    }
}

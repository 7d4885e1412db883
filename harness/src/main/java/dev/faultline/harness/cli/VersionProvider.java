package dev.faultline.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version and the git commit the jar was built from, for {@code --version} and {@code test.json}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"faultline " + version() + " (commit " + commit() + ")"};
    }

    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    /** The abbreviated commit, with {@code -dirty} when the tree had uncommitted changes; or {@code unknown}. */
    public static String commit() {
        Properties git = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/faultline-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            git.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String commit = git.getProperty("git.commit.id.abbrev", "unknown");
        return "true".equals(git.getProperty("git.dirty")) ? commit + "-dirty" : commit;
    }
}

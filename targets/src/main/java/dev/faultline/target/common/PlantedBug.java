package dev.faultline.target.common;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A bug a target can plant ({@code --bug NAME}, DESIGN.md §5), implemented by each target's enum
 * of bugs; one piece of code turns such an enum into the list a target spec shows and the chosen
 * names back into constants.
 */
public interface PlantedBug {
    /** The name on the command line. */
    String flag();

    /** One line for {@code --help}: the real bug class it plants. */
    String description();

    /** Every bug of the enum, name to description, in declaration order: what a target spec lists. */
    static <B extends Enum<B> & PlantedBug> Map<String, String> descriptions(Class<B> bugs) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (B bug : bugs.getEnumConstants()) {
            descriptions.put(bug.flag(), bug.description());
        }
        return Collections.unmodifiableMap(descriptions);
    }

    /** The bugs of the enum whose names were chosen; the target spec has already rejected unknown names. */
    static <B extends Enum<B> & PlantedBug> Set<B> chosen(Class<B> bugs, Set<String> flags) {
        Set<B> chosen = EnumSet.noneOf(bugs);
        for (B bug : bugs.getEnumConstants()) {
            if (flags.contains(bug.flag())) {
                chosen.add(bug);
            }
        }
        return chosen;
    }
}

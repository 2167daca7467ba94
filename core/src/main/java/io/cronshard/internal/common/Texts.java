package io.cronshard.internal.common;

import java.util.List;

/** Small wordings shared by log lines. */
public final class Texts {

    private Texts() {
    }

    /**
     * @param count how many
     * @param noun the singular noun
     * @return "1 item", "2 items"
     */
    public static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * @param sorted ascending items
     * @return the items as a list, runs of consecutive ones written as ranges once the list is long ({@code [0-2999, 4000]})
     */
    public static String items(List<Integer> sorted) {
        if (sorted.size() <= 20) {
            return sorted.toString();
        }
        StringBuilder result = new StringBuilder("[");
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            result.append(result.length() == 1 ? "" : ", ").append(first).append(first == sorted.get(i) ? "" : "-" + sorted.get(i));
        }
        return result.append(']').toString();
    }
}

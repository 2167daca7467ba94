package io.cronshard.internal.jobtype;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into program and arguments without a shell: whitespace separates
 * arguments; single or double quotes group characters (whitespace included) into one argument
 * and are removed; inside either kind of quotes every character is literal, including the other
 * kind of quote and the backslash (there are no escapes, so Windows paths need no doubling).
 * Quoted and unquoted parts that touch form one argument ({@code --name="a b"} gives
 * {@code --name=a b}); {@code ""} gives an empty argument. Nothing else is interpreted:
 * no variables, globs, pipes or redirections.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * @param commandLine the command line
     * @return the program followed by its arguments, never empty
     * @throws IllegalArgumentException when the line is blank or a quote is not closed, saying which
     */
    static List<String> split(String commandLine) {
        if (commandLine == null || commandLine.isBlank()) {
            throw new IllegalArgumentException("the command line is blank");
        }
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        int quoteStart = -1;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                quoteStart = i;
                inArgument = true;
            } else if (Character.isWhitespace(c)) {
                if (inArgument) {
                    result.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the " + quote + " quote at position " + quoteStart + " is not closed");
        }
        if (inArgument) {
            result.add(current.toString());
        }
        return result;
    }
}

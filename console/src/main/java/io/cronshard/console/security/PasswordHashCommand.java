package io.cronshard.console.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar cronshard-console.jar --encode-password [password]}: prints the BCrypt hash of a password in
 * the form the console's user properties take ({@code {bcrypt}$2a$10$…}), without starting the console. Without
 * the argument the password is read from the terminal (not echoed, asked twice) or, when piped, from the first
 * line of standard input, so that it stays out of the shell's history.
 */
public final class PasswordHashCommand {

    /** The option that runs this command instead of the console. */
    public static final String OPTION = "--encode-password";
    private static final int STRENGTH = 10;

    private PasswordHashCommand() {
    }

    /**
     * @param args the command line
     * @return whether it asks for this command
     */
    public static boolean isRequested(String[] args) {
        return args.length > 0 && OPTION.equals(args[0]);
    }

    /**
     * @param args {@code --encode-password [password]}
     * @param terminal the terminal, or null when there is none
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int run(String[] args, Console terminal, InputStream in, PrintStream out, PrintStream err) {
        String password;
        if (args.length > 1) {
            password = args[1];
        } else if (terminal != null) {
            char[] first = terminal.readPassword("Password: ");
            char[] second = terminal.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("The two passwords differ");
                return 2;
            }
            password = new String(first);
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException ex) {
                err.println("Cannot read the password: " + ex.getMessage());
                return 2;
            }
        }
        if (password == null || password.isEmpty()) {
            err.println("Usage: java -jar cronshard-console.jar " + OPTION + " [password]   (without it: read from the terminal or stdin)");
            return 2;
        }
        out.println("{bcrypt}" + new BCryptPasswordEncoder(STRENGTH).encode(password));
        return 0;
    }
}

package io.cronshard.internal.jobtype;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void whitespaceOfAnyKindAndLengthSeparatesArguments() {
        assertThat(CommandLine.split("  /opt/jobs/report.sh\t--verbose \n 42  ")).containsExactly("/opt/jobs/report.sh", "--verbose", "42");
    }

    @Test
    void quotesGroupWhitespaceIntoOneArgumentAndAreRemoved() {
        assertThat(CommandLine.split("run 'two words' \"three more words\"")).containsExactly("run", "two words", "three more words");
    }

    @Test
    void eachKindOfQuoteKeepsTheOtherKindLiterally() {
        assertThat(CommandLine.split("echo \"it's\" 'say \"hi\"'")).containsExactly("echo", "it's", "say \"hi\"");
    }

    @Test
    void quotedAndUnquotedPartsThatTouchFormOneArgument() {
        assertThat(CommandLine.split("tool --name=\"a b\" pre'fix'post")).containsExactly("tool", "--name=a b", "prefixpost");
    }

    @Test
    void emptyQuotesGiveAnEmptyArgument() {
        assertThat(CommandLine.split("tool '' \"\" x")).containsExactly("tool", "", "", "x");
    }

    @Test
    void backslashesAndShellCharactersAreLiteral() {
        assertThat(CommandLine.split("C:\\jobs\\run.exe $HOME *.log a|b ; > out \"\\\"")).containsExactly(
                "C:\\jobs\\run.exe", "$HOME", "*.log", "a|b", ";", ">", "out", "\\");
    }

    @Test
    void aCommandWithoutArgumentsIsOneElement() {
        assertThat(CommandLine.split("/bin/true")).containsExactly("/bin/true");
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingItsPosition() {
        assertThatThrownBy(() -> CommandLine.split("run 'oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'")
                .hasMessageContaining("position 4")
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> CommandLine.split("run \"it's"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\" quote at position 4");
    }

    @Test
    void aBlankLineIsRefused() {
        assertThatThrownBy(() -> CommandLine.split(" \t ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> CommandLine.split(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }
}

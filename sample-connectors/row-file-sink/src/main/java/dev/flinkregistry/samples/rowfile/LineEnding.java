package dev.flinkregistry.samples.rowfile;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** The characters that end each line written by the {@code row-file} sink. */
public enum LineEnding implements DescribedEnum {
    LF("\n", "Unix line endings: a line feed (\\n) after each row."),
    CRLF(
            "\r\n",
            "Windows line endings: a carriage return and a line feed (\\r\\n) after each row.");

    private final String characters;
    private final String description;

    LineEnding(String characters, String description) {
        this.characters = characters;
        this.description = description;
    }

    /** The characters written after each row. */
    public String characters() {
        return characters;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}

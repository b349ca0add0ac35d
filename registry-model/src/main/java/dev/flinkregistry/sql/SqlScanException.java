package dev.flinkregistry.sql;

/**
 * Thrown when a Flink SQL script is too malformed to be scanned: an unterminated string literal,
 * quoted identifier or block comment, unbalanced parentheses, a {@code CREATE TABLE} or
 * {@code CREATE CATALOG} without a name, or a {@code WITH (...)} clause whose entries are not
 * {@code 'key' = 'value'} pairs.
 *
 * <p>The message always names the 1-based line of the script where the problem was found, so it
 * can be shown to the author of the script as is.
 */
public final class SqlScanException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The 1-based line of the script where the problem was found. */
    private final int line;

    /**
     * Creates an exception for a problem found at a line of the script.
     *
     * @param line the 1-based line where the problem was found
     * @param problem what is wrong, without the line number (it is added)
     */
    public SqlScanException(int line, String problem) {
        super("Line " + line + ": " + problem);
        this.line = line;
    }

    /**
     * Returns the 1-based line of the script where the problem was found.
     *
     * @return the line number, 1 or more
     */
    public int line() {
        return line;
    }
}

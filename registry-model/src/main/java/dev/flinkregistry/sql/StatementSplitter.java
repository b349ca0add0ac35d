package dev.flinkregistry.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Groups tokens into statements at top-level semicolons, keeping an
 * {@code EXECUTE STATEMENT SET BEGIN ... END} block together, and checks that every statement's
 * parentheses are balanced.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /**
     * Splits tokens into non-empty statements, without their terminating semicolons.
     *
     * @throws SqlScanException if a statement's parentheses are unbalanced or a statement set
     *     block has no {@code END}
     */
    static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        boolean inBlock = false;
        boolean atInnerStart = false;
        for (Token token : tokens) {
            if (token.type() == Token.Type.SEMICOLON && !inBlock) {
                addIfNotEmpty(statements, current);
                current = new ArrayList<>();
                continue;
            }
            current.add(token);
            if (inBlock) {
                // Inside BEGIN ... END, the block ends at an END that starts an inner statement.
                if (atInnerStart && token.isKeyword("END")) {
                    inBlock = false;
                }
                atInnerStart = token.type() == Token.Type.SEMICOLON;
            } else if (startsStatementSetBlock(current)) {
                inBlock = true;
                atInnerStart = true;
            }
        }
        if (inBlock) {
            throw new SqlScanException(current.get(0).line(),
                    "EXECUTE STATEMENT SET BEGIN is never closed with END");
        }
        addIfNotEmpty(statements, current);
        return statements;
    }

    private static boolean startsStatementSetBlock(List<Token> statement) {
        return statement.size() == 4
                && statement.get(0).isKeyword("EXECUTE")
                && statement.get(1).isKeyword("STATEMENT")
                && statement.get(2).isKeyword("SET")
                && statement.get(3).isKeyword("BEGIN");
    }

    private static void addIfNotEmpty(List<List<Token>> statements, List<Token> statement) {
        if (!statement.isEmpty()) {
            checkParentheses(statement);
            statements.add(List.copyOf(statement));
        }
    }

    private static void checkParentheses(List<Token> statement) {
        Deque<Integer> openLines = new ArrayDeque<>();
        for (Token token : statement) {
            if (token.isSymbol('(')) {
                openLines.push(token.line());
            } else if (token.isSymbol(')')) {
                if (openLines.isEmpty()) {
                    throw new SqlScanException(token.line(), "')' has no matching '('");
                }
                openLines.pop();
            }
        }
        if (!openLines.isEmpty()) {
            throw new SqlScanException(openLines.peek(), "'(' is never closed with ')' before the statement ends");
        }
    }
}

package dev.flern.sql;

import dev.flern.sql.SqlLexer.Token;
import java.util.List;

/**
 * The model statements, read by Flern itself like the other DDL:
 * <pre>
 *   CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name FROM 'file.onnx'
 *   DROP MODEL [IF EXISTS] name
 *   SHOW MODELS
 * </pre>
 */
final class ModelStatements {
  private ModelStatements() {}

  /** True when the statement starts CREATE [OR REPLACE] MODEL or DROP MODEL. */
  static boolean isModelDdl(List<Token> tokens) {
    Token t0 = tokens.get(0);
    if (t0.isWord("CREATE"))
      return tokens.size() > 1 && tokens.get(1).isWord("MODEL")
          || tokens.size() > 3 && tokens.get(1).isWord("OR") && tokens.get(2).isWord("REPLACE") && tokens.get(3).isWord("MODEL");
    return t0.isWord("DROP") && tokens.size() > 1 && tokens.get(1).isWord("MODEL");
  }

  static Statement parse(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 0);
    if (c.acceptWord("DROP")) {
      c.expectWord("MODEL");
      boolean ifExists = c.acceptWords("IF", "EXISTS");
      String name = modelName(c);
      c.expectEnd();
      return new Statement.DropModel(name, ifExists);
    }
    c.expectWord("CREATE");
    boolean orReplace = false;
    if (c.acceptWord("OR")) {
      c.expectWord("REPLACE");
      orReplace = true;
    }
    c.expectWord("MODEL");
    boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
    if (orReplace && ifNotExists) throw c.error(c.peek(), "OR REPLACE and IF NOT EXISTS cannot be combined");
    String name = modelName(c);
    c.expectWord("FROM");
    String path = c.string("the model file's path");
    c.expectEnd();
    return new Statement.CreateModel(name, path, orReplace, ifNotExists);
  }

  /** SHOW MODELS. */
  static Statement show(String sql, List<Token> tokens) {
    TokenCursor c = new TokenCursor(sql, tokens, 1);
    c.expectWord("MODELS");
    c.expectEnd();
    return new Statement.ShowModels();
  }

  private static String modelName(TokenCursor c) {
    String name = c.name("a model name");
    if (c.peek().isSymbol(".")) throw c.error(c.peek(), "schema-qualified model names are not supported");
    return name;
  }
}

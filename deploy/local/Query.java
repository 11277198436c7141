import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * Runs one SQL statement through Trino's JDBC driver and prints its rows tab-separated, a header first (or, for a
 * statement without rows, how many rows it changed).
 */
public final class Query {
  public static void main(String[] args) throws SQLException {
    if (args.length != 2) {
      System.err.println("usage: Query JDBC_URL SQL");
      System.exit(2);
    }
    try (Connection connection = DriverManager.getConnection(args[0]);
        Statement statement = connection.createStatement()) {
      if (!statement.execute(args[1])) {
        System.out.println("updated\t" + statement.getLargeUpdateCount());
        return;
      }
      print(statement.getResultSet());
    } catch (SQLException e) {
      System.err.println("query: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void print(ResultSet rows) throws SQLException {
    try (rows) {
      ResultSetMetaData columns = rows.getMetaData();
      StringJoiner header = new StringJoiner("\t");
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        header.add(columns.getColumnLabel(i));
      }
      System.out.println(header);
      while (rows.next()) {
        StringJoiner row = new StringJoiner("\t");
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          row.add(String.valueOf(rows.getObject(i)));
        }
        System.out.println(row);
      }
    }
  }
}

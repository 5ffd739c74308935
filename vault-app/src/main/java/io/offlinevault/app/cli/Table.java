package io.offlinevault.app.cli;

import java.io.PrintWriter;
import java.util.List;

/** Rows of text as aligned columns, two spaces apart, the last column unpadded. */
public final class Table {
    private Table() {
    }

    /** Prints {@code rows} (the first one the headings; every row as long as it) to {@code out}. */
    public static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns - 1; i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            out.println(line.append(row.get(columns - 1)));
        }
    }
}

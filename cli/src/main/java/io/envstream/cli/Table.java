package io.envstream.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Columns aligned as kubectl prints them: upper-case headers, three spaces apart, no borders. */
public final class Table {

	private final List<String[]> rows = new ArrayList<>();

	public Table(String... headers) {
		this.rows.add(headers);
	}

	public Table row(String... cells) {
		this.rows.add(cells);
		return this;
	}

	public void print(PrintStream out) {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], cell(row, i).length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(cell(row, i));
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - cell(row, i).length() + 3));
				}
			}
			out.println(line.toString().stripTrailing());
		}
	}

	private static String cell(String[] row, int index) {
		return (index < row.length && row[index] != null) ? row[index] : "";
	}

}

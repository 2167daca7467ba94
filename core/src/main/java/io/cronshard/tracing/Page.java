package io.cronshard.tracing;

import java.util.List;

/**
 * One page of a query's results.
 *
 * @param items the rows of this page, in the query's order
 * @param total how many rows match the query in all
 * @param page this page's number, from 1
 * @param pageSize the page size asked for
 * @param <T> the row type
 */
public record Page<T>(List<T> items, long total, int page, int pageSize) {

    /**
     * @param items the rows of this page
     * @param total how many rows match in all
     * @param page this page's number, from 1
     * @param pageSize the page size asked for
     */
    public Page {
        items = List.copyOf(items);
    }

    /** @return how many pages the query has (0 when nothing matches) */
    public long totalPages() {
        return (total + pageSize - 1) / pageSize;
    }
}

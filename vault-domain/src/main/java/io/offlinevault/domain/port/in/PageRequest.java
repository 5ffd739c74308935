package io.offlinevault.domain.port.in;

import io.offlinevault.domain.error.InvalidParameterException;

/**
 * A page of a sorted listing: {@code page} >= 0 and {@code pageSize} in 1..1000 (default 1000).
 * Offsets are computed in 64 bits and saturate, so a huge page is simply past the end.
 */
public record PageRequest(long page, int pageSize) {
    public static final int MAX_PAGE_SIZE = 1000;

    public PageRequest {
        if (page < 0) {
            throw new InvalidParameterException("page must be 0 or more.");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidParameterException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
    }

    /** {@return the first page of the largest size} */
    public static PageRequest first() {
        return new PageRequest(0, MAX_PAGE_SIZE);
    }

    public static PageRequest of(long page, int pageSize) {
        return new PageRequest(page, pageSize);
    }

    /** {@return the index of the page's first item; {@code Long.MAX_VALUE} when that overflows} */
    public long offset() {
        return page > Long.MAX_VALUE / pageSize ? Long.MAX_VALUE : page * pageSize;
    }

    /** {@return {@code ceil(total / pageSize)}} */
    public long totalPages(long total) {
        return total / pageSize + (total % pageSize == 0 ? 0 : 1);
    }
}

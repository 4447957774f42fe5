package org.azukari.server.database;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** Runs the rest of the request in one {@link Lane}; the thread's lane is restored after it. */
final class LaneFilter implements Filter {

    private final Lane lane;

    LaneFilter(Lane lane) {
        this.lane = lane;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (Lane.Entered entered = lane.enter()) {
            chain.doFilter(request, response);
        }
    }
}

package io.offlinevault.domain.archfixture.cycle.pong;

import io.offlinevault.domain.archfixture.cycle.ping.Ping;

/** Half of a package cycle with {@link Ping}. */
public final class Pong {
    public Ping answer() {
        return new Ping();
    }
}

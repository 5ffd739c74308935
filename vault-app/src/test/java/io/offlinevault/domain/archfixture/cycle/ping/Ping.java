package io.offlinevault.domain.archfixture.cycle.ping;

import io.offlinevault.domain.archfixture.cycle.pong.Pong;

/** Half of a package cycle with {@link Pong}. */
public final class Ping {
    public Pong answer() {
        return new Pong();
    }
}

package io.offlinevault.http;

import static java.util.Objects.requireNonNull;

import io.offlinevault.domain.access.Privilege;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One route: a method and a path template ({@code {name}} segments are parameters), whether it needs
 * a bearer token, what it asks of the token's caller, its body limit, a check of its path and query
 * parameters that runs before the access check (API.md precedence), and its handler.
 */
record Route(String method, String template, boolean authenticated, Access access, int bodyLimit,
             Consumer<Request> parameterCheck, Function<Request, Response> handler) {
    Route {
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        requireNonNull(access, "access");
        requireNonNull(parameterCheck, "parameterCheck");
        requireNonNull(handler, "handler");
    }

    /** What a route asks of its caller beyond a valid token (if it needs one); the router checks it. */
    sealed interface Access permits AnyCaller, InOrganization, Everything {
        /**
         * Checks the caller of {@code request} to {@code route}.
         *
         * @throws io.offlinevault.domain.error.AccessDeniedException when the caller falls short
         */
        void check(Route route, Request request);
    }

    /** Nothing more: any valid token, or none on a route that needs none. */
    record AnyCaller() implements Access {
        @Override
        public void check(Route route, Request request) {
        }
    }

    /** Every one of these privileges in the organization of the path (rename needs two). */
    record InOrganization(Set<Privilege> privileges) implements Access {
        // Ordered as the enum, once: the check, on every request, names the same missing privilege every time.
        InOrganization {
            if (privileges.isEmpty()) {
                throw new IllegalArgumentException("an organization route needs at least one privilege");
            }
            privileges = Collections.unmodifiableSet(EnumSet.copyOf(privileges));
        }

        InOrganization(Privilege privilege) {
            this(Set.of(privilege));
        }

        @Override
        public void check(Route route, Request request) {
            for (Privilege privilege : privileges) {
                request.caller().require(request.organization(), privilege);
            }
        }
    }

    /** Every privilege in every organization, as the admin token holds. */
    record Everything() implements Access {
        @Override
        public void check(Route route, Request request) {
            request.caller().requireEverything("call " + route.method() + " " + route.template());
        }
    }
}

package io.offlinevault.app.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit statuses a command returns of its own, beyond those {@link ExitCodes} derives from what it uses (0 and
 * 2 always; 1, 4 and 5 for a command that opens the vault or reaches a server), as its help lists them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exits {
    /** {@return the statuses the command itself returns, such as {@link ExitStatus#MISSING_ENTRIES}} */
    ExitStatus[] value() default {};

    /** {@return the label of a command the command runs and whose exit code it returns, such as CMD; none if empty} */
    String child() default "";
}

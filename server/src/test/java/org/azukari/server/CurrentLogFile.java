package org.azukari.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The file the application log is really written to. Boot configures logback once per test
 * JVM, so with several application contexts the file is whichever the first one chose (and
 * {@code LOG_FILE} names the last): ask logback's file appender instead.
 */
public final class CurrentLogFile {

    private CurrentLogFile() {
    }

    public static Path path() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender("FILE") instanceof FileAppender<?> file)) {
            throw new AssertionError("the application logs to no file");
        }
        return Path.of(file.getFile());
    }
}

package io.baas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chaincode process's output file read as a container's log. */
class LogFileLinesTest {

    @TempDir
    Path directory;

    @Test
    void theLastWholeLines() throws Exception {
        Path file = Files.writeString(directory.resolve("chaincode.log"), "one\ntwo\r\nthree\nhalf a li");
        assertThat(LogFileLines.of(file, new LogQuery(2, null, false), () -> true).collect().asList().await().indefinitely())
                .containsExactly("two", "three");
        assertThat(LogFileLines.of(file, new LogQuery(null, null, false), () -> true).collect().asList().await().indefinitely())
                .containsExactly("one", "two", "three");
        assertThat(LogFileLines.of(directory.resolve("none.log"), new LogQuery(null, null, false), () -> true).collect().asList()
                .await().indefinitely()).as("a process that wrote nothing yet").isEmpty();
    }

    /** Lines come as they are written, a line written in two parts once it is whole, and the stream ends after the process. */
    @Test
    void followingEndsAfterTheProcessWithItsLastLines() throws Exception {
        Path file = Files.writeString(directory.resolve("chaincode.log"), "old\nlast\n");
        AtomicBoolean running = new AtomicBoolean(true);
        AssertSubscriber<String> reader = LogFileLines.of(file, new LogQuery(1, null, true), running::get)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        reader.awaitItems(1, Duration.ofSeconds(30));
        append(file, "new li");
        append(file, "ne\n");
        reader.awaitItems(2, Duration.ofSeconds(30));
        append(file, "final words\n");
        running.set(false);
        reader.awaitCompletion(Duration.ofSeconds(30));
        assertThat(reader.getItems()).containsExactly("last", "new line", "final words");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}

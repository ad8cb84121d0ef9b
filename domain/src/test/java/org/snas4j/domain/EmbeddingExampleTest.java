package org.snas4j.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example is true: its Java block compiles against the domain's classes alone
 * and runs in a JVM whose class path holds nothing else (no TensorFlow, no protobuf, no other module).
 */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleCompilesAndRunsWithOnlyTheDomainOnTheClassPath(@TempDir Path work) throws Exception {
        String source = readmeExample();
        Path file = work.resolve("EmbeddingExample.java");
        Files.writeString(file, source);
        String domainClasses = Path.of("target", "classes").toAbsolutePath().toString();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "a JDK is needed to run this test");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = compiler.run(null, null, diagnostics, "-classpath", domainClasses, "-d", work.toString(), file.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        String javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaLauncher, "-cp", domainClasses + File.pathSeparator + work, "EmbeddingExample")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example finishes");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(3, lines.size(), output);
        assertTrue(lines.get(0).startsWith("sampled cells: "), output);
        assertTrue(lines.get(1).matches("edge-all child: \\d+ parameter-free edges of 28; top-2 child: .+"), output);
        // The published mild cell in the DARTS evaluation network, plain pools: the figure describe prints.
        assertTrue(lines.get(2).matches("snas-mild at 20 cells, C = 36: [\\d,]+ parameters"), output);
    }

    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Embedding the domain");
        assertTrue(section >= 0, "README has an embedding section");
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(section));
        assertTrue(block.find(), "the embedding section has a Java block");
        return block.group(1);
    }
}

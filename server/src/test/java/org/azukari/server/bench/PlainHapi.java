package org.azukari.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The plain HAPI FHIR JPA server as a process of its own (PlainHapiJpaServer in fhir-gateway's tests). */
final class PlainHapi implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private PlainHapi(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static PlainHapi start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx2g", "-cp", IngestBenchmark.env("AZUKARI_BENCH_HAPI_CLASSPATH"),
                "org.azukari.fhir.bench.PlainHapiJpaServer").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "plain-hapi-stdout");
                drain.setDaemon(true);
                drain.start();
                return new PlainHapi(process, line.substring("READY ".length()));
            }
        }
        process.destroy();
        throw new IllegalStateException("the plain HAPI FHIR JPA server exited while starting: " + process.waitFor());
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

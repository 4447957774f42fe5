package org.azukari.fhir.pull;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * A hospital's FHIR server for the pull tests: a real HAPI FHIR JPA server (R4, H2 in memory),
 * in-process on its own loopback port, loaded through its own REST API. Configured the way
 * hapi-fhir-jpaserver-starter does it, minus everything the tests do not need (no full-text
 * search, no subscriptions, no tester UI).
 *
 * <p>{@link #stop()} takes the HTTP side down and keeps the database, so {@link #start()} brings
 * the same server back on the same port, with the same data: a hospital going down and coming back.
 */
public final class UpstreamFhirServer implements AutoCloseable {

    private final AnnotationConfigApplicationContext jpa;
    private final Path baseDir;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> addedToObservations = new AtomicReference<>();
    private Tomcat tomcat;
    private int port;

    private UpstreamFhirServer(AnnotationConfigApplicationContext jpa, Path baseDir) {
        this.jpa = jpa;
        this.baseDir = baseDir;
    }

    /** Starts the JPA context and the HTTP side on a random loopback port. */
    public static UpstreamFhirServer start() {
        AnnotationConfigApplicationContext jpa = new AnnotationConfigApplicationContext(JpaServerConfig.class);
        try {
            UpstreamFhirServer server = new UpstreamFhirServer(jpa, Files.createTempDirectory("upstream-fhir"));
            server.startHttp(0);
            return server;
        } catch (IOException e) {
            jpa.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Brings the HTTP side back on the port it had. */
    public synchronized void restart() {
        if (tomcat == null) {
            startHttp(port);
        }
    }

    /** Takes the HTTP side down; the data stays. */
    public synchronized void stop() {
        if (tomcat == null) {
            return;
        }
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        tomcat = null;
    }

    /** The {@code Authorization} header of every request so far ("" when there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The URL (path and query) of every request so far. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /**
     * Makes every Observation this server sends carry {@code member} (a JSON member, e.g. an
     * element of a later FHIR version), as a server of a later version would; {@code null} stops it.
     */
    public void addToObservations(String member) {
        addedToObservations.set(member);
    }

    public boolean isRunning() {
        return tomcat != null;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    /** A client of this server, for loading and changing data in the tests. */
    public IGenericClient client() {
        FhirContext context = jpa.getBean(FhirContext.class);
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return context.newRestfulGenericClient(baseUrl());
    }

    @Override
    public void close() {
        stop();
        jpa.close();
    }

    private synchronized void startHttp(int wanted) {
        Tomcat server = new Tomcat();
        server.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(wanted);
        connector.setProperty("address", "127.0.0.1");
        server.setConnector(connector);
        Context context = server.addContext("", null);
        Tomcat.addServlet(context, "fhir", restfulServer()).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        try {
            server.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("upstream FHIR server did not start", e);
        }
        port = connector.getLocalPort();
        tomcat = server;
    }

    /** A fresh servlet per start (a destroyed servlet is not started again); same DAOs, same data. */
    private RestfulServer restfulServer() {
        RestfulServer server = new RestfulServer(jpa.getBean(FhirContext.class));
        server.registerProviders(jpa.getBean(ResourceProviderFactory.class).createProviders());
        server.registerProvider(jpa.getBean(JpaSystemProvider.class));
        server.setPagingProvider(jpa.getBean(DatabaseBackedPagingProvider.class));
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.registerInterceptor(new RequestRecorder(authorizations, urls));
        server.registerInterceptor(new ObservationAdditions(addedToObservations));
        return server;
    }

    /** Writes what {@link #addToObservations} says into each Observation of a JSON answer. */
    @Interceptor
    public static final class ObservationAdditions {

        private static final String OBSERVATION = "\"resourceType\":\"Observation\",";
        private final AtomicReference<String> member;

        ObservationAdditions(AtomicReference<String> member) {
            this.member = member;
        }

        @Hook(Pointcut.SERVER_OUTGOING_WRITER_CREATED)
        public Writer add(Writer writer) {
            String added = member.get();
            if (added == null) {
                return writer;
            }
            return new StringWriter() {
                @Override
                public void close() throws IOException {
                    writer.write(toString().replace(OBSERVATION, OBSERVATION + added + ","));
                    writer.close();
                }
            };
        }
    }

    /** Records how each request authenticated and what URL it asked for, for the secrecy tests. */
    @Interceptor
    public static final class RequestRecorder {

        private final List<String> authorizations;
        private final List<String> urls;

        RequestRecorder(List<String> authorizations, List<String> urls) {
            this.authorizations = authorizations;
            this.urls = urls;
        }

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
        public boolean record(HttpServletRequest request) {
            String header = request.getHeader("Authorization");
            authorizations.add(header == null ? "" : header);
            urls.add(request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            return true;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
            SubscriptionChannelConfig.class, ThreadPoolFactoryConfig.class})
    static class JpaServerConfig {

        @Bean(destroyMethod = "close")
        BasicDataSource dataSource() {
            BasicDataSource dataSource = new BasicDataSource();
            dataSource.setDriver(new org.h2.Driver());
            dataSource.setUrl("jdbc:h2:mem:upstream-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource.setUsername("sa");
            dataSource.setPassword("");
            dataSource.setMaxTotal(10);
            return dataSource;
        }

        @Bean
        JpaStorageSettings storageSettings() {
            JpaStorageSettings settings = new JpaStorageSettings();
            settings.setAllowExternalReferences(true);
            return settings;
        }

        @Bean
        PartitionSettings partitionSettings() {
            return new PartitionSettings();
        }

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beans,
                                                                    FhirContext fhir, JpaStorageSettings settings,
                                                                    DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean factory =
                    HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, fhir, settings);
            factory.setPersistenceUnitName("HAPI_PU");
            factory.setDataSource(dataSource);
            Properties jpa = new Properties();
            jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
            jpa.put("hibernate.hbm2ddl.auto", "update");
            jpa.put("hibernate.search.enabled", "false");
            jpa.put("hibernate.format_sql", "false");
            jpa.put("hibernate.show_sql", "false");
            factory.setJpaProperties(jpa);
            return factory;
        }

        @Bean
        JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
            return new JpaTransactionManager(entityManagerFactory);
        }

        @Bean
        IBinaryStorageSvc binaryStorage() {
            return new MemoryBinaryStorageSvcImpl();
        }

        @Bean
        DatabaseBackedPagingProvider databaseBackedPagingProvider() {
            DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
            paging.setDefaultPageSize(20);
            paging.setMaximumPageSize(500);
            return paging;
        }
    }
}

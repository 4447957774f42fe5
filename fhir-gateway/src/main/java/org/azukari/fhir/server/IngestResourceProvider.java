package org.azukari.fhir.server;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.nio.charset.StandardCharsets;
import org.azukari.fhir.ingest.IngestResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code POST /fhir/{type}} and {@code PUT /fhir/{type}/{id}} for one resource type: a single
 * resource taken in like a one-entry transaction. {@code POST /fhir/Bundle} takes a document
 * or collection Bundle whole.
 */
class IngestResourceProvider implements IResourceProvider {

    private final Class<? extends IBaseResource> type;
    private final IngestEndpoint endpoint;

    IngestResourceProvider(Class<? extends IBaseResource> type, IngestEndpoint endpoint) {
        this.type = type;
        this.endpoint = endpoint;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Create
    public MethodOutcome create(@ResourceParam IBaseResource resource, RequestDetails request) {
        return outcome(withSourcesOwnId((Resource) resource, request), request);
    }

    /**
     * HAPI drops the body's id on a create, as a server that assigns ids should; the bank keeps
     * it as the source's own name for the resource (resubmissions and later references use it).
     */
    private Resource withSourcesOwnId(Resource resource, RequestDetails request) {
        byte[] body = request.loadRequestContents();
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        if (body == null || body.length == 0) {
            return resource;
        }
        IBaseResource again = (encoding == null ? EncodingEnum.JSON : encoding).newParser(request.getFhirContext())
                .parseResource(new String(body, StandardCharsets.UTF_8));
        if (again.getIdElement().hasIdPart()) {
            resource.setId(again.getIdElement().getIdPart());
        }
        return resource;
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam IBaseResource resource, RequestDetails request) {
        return outcome((Resource) resource, request);
    }

    private MethodOutcome outcome(Resource resource, RequestDetails request) {
        IngestResult result = endpoint.ingest(resource, request);
        MethodOutcome outcome = new MethodOutcome();
        if (resource instanceof Bundle) {
            outcome.setResource(IngestProvider.withWarnings(result));
        }
        String location = result.response().getEntryFirstRep().getResponse().getLocation();
        outcome.setId(new IdType(location));
        outcome.setCreated(result.created() > 0);
        if (!result.warnings().isEmpty()) {
            outcome.setOperationOutcome(result.warnings());
        }
        return outcome;
    }
}

package org.azukari.server.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A request body read once into memory, inflated while it is read when it declares
 * {@code Content-Encoding: gzip} or {@code deflate}, and bounded either way: the bytes on the wire
 * and the inflated bytes each to the body limit, and the inflated bytes to a ratio of those on
 * the wire (a body of zeros inflates about a thousandfold; JSON rarely more than fiftyfold).
 * Neither is ever held whole twice.
 */
final class BoundedBody extends ByteArrayOutputStream {

    /** The ratio is judged only past this many inflated bytes: small bodies cannot be bombs. */
    static final long RATIO_FLOOR = 1024 * 1024;

    private BoundedBody() {
        super(64 * 1024);
    }

    static BoundedBody read(HttpServletRequest request, long maxBytes, int maxRatio) throws IOException {
        Wire wire = new Wire(request.getInputStream(), maxBytes);
        String coding = contentCoding(request);
        BoundedBody read = new BoundedBody();
        byte[] buffer = new byte[64 * 1024];
        int n;
        try {
            InputStream body = switch (coding) {
                case "" -> wire;
                case "gzip", "x-gzip" -> new GZIPInputStream(wire, 8192);
                case "deflate" -> new InflaterInputStream(wire);
                default -> throw new BodyRefused(415, IssueType.NOTSUPPORTED, FhirGatewayError.FG_0211,
                        "the only content codings this server reads are gzip and deflate");
            };
            while ((n = body.read(buffer)) != -1) {
                read.write(buffer, 0, n);
                if (read.count > maxBytes) {
                    throw coding.isEmpty() ? Wire.tooLarge(maxBytes)
                            : new BodyRefused(413, IssueType.TOOLONG, FhirGatewayError.FG_0210,
                                    "the request body inflates to more than the " + maxBytes
                                            + " bytes this server reads");
                }
                if (read.count > RATIO_FLOOR && read.count > (long) maxRatio * wire.count) {
                    throw new BodyRefused(413, IssueType.TOOCOSTLY, FhirGatewayError.FG_0210,
                            "the request body inflates more than " + maxRatio + " times");
                }
            }
        } catch (ZipException | EOFException corrupt) {
            throw corrupt(coding);
        }
        return read;
    }

    private static BodyRefused corrupt(String coding) {
        return new BodyRefused(400, IssueType.INVALID, FhirGatewayError.FG_0212,
                "the request body is not valid " + coding + " data");
    }

    /** The one content coding the request declares ("" for none or identity); several are refused. */
    private static String contentCoding(HttpServletRequest request) throws BodyRefused {
        List<String> codings = new ArrayList<>();
        for (Enumeration<String> headers = request.getHeaders("Content-Encoding"); headers != null
                && headers.hasMoreElements(); ) {
            for (String coding : headers.nextElement().split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    codings.add(name);
                }
            }
        }
        if (codings.size() > 1) {
            throw new BodyRefused(415, IssueType.NOTSUPPORTED, FhirGatewayError.FG_0211,
                    "a request body may carry one content coding (gzip or deflate), not several");
        }
        return codings.isEmpty() ? "" : codings.get(0);
    }

    int length() {
        return count;
    }

    /** The bytes as read, without copying them. */
    byte[] bytes() {
        return buf;
    }

    ByteArrayInputStream stream() {
        return new ByteArrayInputStream(buf, 0, count);
    }

    /** The bytes on the wire, counted and refused past the limit. */
    private static final class Wire extends FilterInputStream {
        private final long maxBytes;
        private long count;

        Wire(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        static BodyRefused tooLarge(long maxBytes) {
            return new BodyRefused(413, IssueType.TOOLONG, FhirGatewayError.FG_0201,
                    "the request body is larger than the " + maxBytes + " bytes this server reads");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, maxBytes + 1 - count));
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw tooLarge(maxBytes);
                }
            }
            return n;
        }
    }
}

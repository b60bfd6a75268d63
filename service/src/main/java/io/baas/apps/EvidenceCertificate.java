package io.baas.apps;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

/**
 * The evidence certificate (存证证明): the facts of an evidence receipt laid out on an A4 page for people to read,
 * file and print. The certificate proves nothing by itself; the receipt is the proof (the endorsed transaction, the
 * block header and the ordering service's signatures) and is what a verifier checks, offline.
 *
 * <p>Only the Standard 14 fonts are used, so no font is embedded and text is limited to what WinAnsi encodes; any
 * other character of a value is shown as {@code ?}.
 */
public final class EvidenceCertificate {

    /** What the certificate states; everything but {@code recordedBy} (a KubeSphere user name) is required. */
    public record Facts(String title, String hashAlgorithm, String digest, String channel, String chaincode,
            String organizationMspId, String ownerId, String recordedBy, Instant transactionTime,
            String transactionId, long blockNumber, List<String> endorsingMspIds, String verifyUrl,
            Instant issuedAt) {

        public Facts {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chaincode, "chaincode");
            Objects.requireNonNull(organizationMspId, "organizationMspId");
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(transactionTime, "transactionTime");
            Objects.requireNonNull(transactionId, "transactionId");
            endorsingMspIds = List.copyOf(Objects.requireNonNull(endorsingMspIds, "endorsingMspIds"));
            Objects.requireNonNull(verifyUrl, "verifyUrl");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }
    }

    static final String HEADING = "Evidence Certificate";
    static final String EXPLANATION = "This certificate records that a document with the digest above was notarized"
            + " on the channel's ledger. It is not itself the proof: the evidence receipt (JSON) carries the endorsed"
            + " transaction, the block header and the ordering service's signatures, and can be checked offline with"
            + " ks-baas-fabric receipt verify.";

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 56;
    private static final float LABEL_WIDTH = 140;
    private static final float VALUE_X = MARGIN + LABEL_WIDTH + 10;
    private static final float RIGHT = PAGE.getWidth() - MARGIN;
    private static final float BOTTOM = MARGIN + 20;
    private static final float SIZE = 9;
    private static final float LEADING = 12.5f;
    private static final float ROW_GAP = 5;
    private static final float HEADING_SIZE = 20;
    private static final float FOOTER_SIZE = 8;
    private static final float LINK_RED = 0f;
    private static final float LINK_GREEN = 0.2f;
    private static final float LINK_BLUE = 0.6f;

    private EvidenceCertificate() {
    }

    public static byte[] render(Facts facts) {
        Objects.requireNonNull(facts, "facts");
        try (PDDocument document = new PDDocument()) {
            describe(document, facts);
            try (Sheet sheet = new Sheet(document)) {
                compose(sheet, facts);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the evidence certificate", e);
        }
    }

    private static void describe(PDDocument document, Facts facts) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(HEADING + " " + facts.hashAlgorithm().toUpperCase(Locale.ROOT) + ":" + facts.digest());
        info.setCreator("ks-baas");
        info.setCreationDate(GregorianCalendar.from(facts.issuedAt().atZone(ZoneOffset.UTC)));
        document.setDocumentId(facts.issuedAt().toEpochMilli());
    }

    private static void compose(Sheet sheet, Facts facts) throws IOException {
        sheet.heading(HEADING);
        sheet.row("Title", facts.title());
        sheet.row("Hash algorithm", facts.hashAlgorithm());
        sheet.row("Digest", facts.digest());
        sheet.row("Channel", facts.channel());
        sheet.row("Chaincode", facts.chaincode());
        sheet.row("Recorded by organization (MSP ID)", facts.organizationMspId());
        sheet.row("Client identity (owner ID)", facts.ownerId());
        if (facts.recordedBy() != null) {
            sheet.row("Recorded by user", facts.recordedBy());
        }
        sheet.row("Transaction time", facts.transactionTime().toString());
        sheet.row("Transaction ID", facts.transactionId());
        sheet.row("Block number", Long.toString(facts.blockNumber()));
        sheet.row("Endorsed by", String.join(", ", facts.endorsingMspIds()));
        sheet.link("Verify at", facts.verifyUrl());
        sheet.paragraph(EXPLANATION);
        sheet.footer("Issued " + facts.issuedAt() + " by ks-baas");
    }

    /** The text with what Helvetica's WinAnsi encoding cannot show replaced: blanks by a space, the rest by '?'. */
    static String winAnsi(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(printable(c)));
        return out.toString();
    }

    private static char printable(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return ' ';
        }
        String name = GlyphList.getAdobeGlyphList().codePointToName(codePoint);
        return !".notdef".equals(name) && WinAnsiEncoding.INSTANCE.contains(name) ? (char) codePoint : '?';
    }

    /** Lines of at most {@code width} points: broken between words, and inside a word only when it is too long. */
    static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" +")) {
            String joined = line.isEmpty() ? word : line + " " + word;
            if (width(joined, font, size) <= width) {
                line = joined;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            while (width(word, font, size) > width) {
                int cut = fittingPrefix(word, font, size, width);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line = word;
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static int fittingPrefix(String word, PDFont font, float size, float width) throws IOException {
        float used = 0;
        for (int i = 0; i < word.length(); i++) {
            used += width(word.substring(i, i + 1), font, size);
            if (used > width) {
                return Math.max(i, 1);
            }
        }
        return word.length();
    }

    private static float width(String text, PDFont font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The pages being written, with a cursor that moves down and onto a new page when the current one is full. */
    private static final class Sheet implements Closeable {

        private final PDDocument document;
        private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final List<PDAnnotation> links = new ArrayList<>();
        private PDPage page;
        private PDPageContentStream content;
        private float y;

        Sheet(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        void heading(String text) throws IOException {
            y -= HEADING_SIZE;
            show(text, bold, HEADING_SIZE, MARGIN, y);
            y -= 10;
            content.setLineWidth(0.75f);
            content.moveTo(MARGIN, y);
            content.lineTo(RIGHT, y);
            content.stroke();
            y -= 2 * LEADING;
        }

        void row(String label, String value) throws IOException {
            rows(label, value, Optional.empty());
        }

        void link(String label, String uri) throws IOException {
            rows(label, uri, Optional.of(uri));
        }

        void paragraph(String text) throws IOException {
            y -= LEADING;
            for (String line : wrap(winAnsi(text), regular, SIZE, RIGHT - MARGIN)) {
                room(LEADING);
                show(line, regular, SIZE, MARGIN, y);
                y -= LEADING;
            }
        }

        void footer(String text) throws IOException {
            show(winAnsi(text), regular, FOOTER_SIZE, MARGIN, MARGIN);
        }

        @Override
        public void close() throws IOException {
            finishPage();
        }

        private void rows(String label, String value, Optional<String> uri) throws IOException {
            List<String> labels = wrap(winAnsi(label), bold, SIZE, LABEL_WIDTH);
            List<String> values = wrap(winAnsi(value), regular, SIZE, RIGHT - VALUE_X);
            int count = Math.max(labels.size(), values.size());
            room(Math.min(count * LEADING, PAGE.getHeight() - MARGIN - BOTTOM));
            for (int i = 0; i < count; i++) {
                room(LEADING);
                if (i < labels.size()) {
                    show(labels.get(i), bold, SIZE, MARGIN, y);
                }
                if (i < values.size()) {
                    value(values.get(i), uri);
                }
                y -= LEADING;
            }
            y -= ROW_GAP;
        }

        private void value(String text, Optional<String> uri) throws IOException {
            if (uri.isEmpty()) {
                show(text, regular, SIZE, VALUE_X, y);
                return;
            }
            content.setNonStrokingColor(LINK_RED, LINK_GREEN, LINK_BLUE);
            links.add(annotation(show(text, regular, SIZE, VALUE_X, y), uri.get()));
            content.setNonStrokingColor(0f, 0f, 0f);
        }

        private PDRectangle show(String text, PDFont font, float size, float x, float baseline) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(text);
            content.endText();
            return new PDRectangle(x, baseline - size * 0.25f, width(text, font, size), size * 1.25f);
        }

        private void room(float height) throws IOException {
            if (y - height < BOTTOM) {
                finishPage();
                newPage();
            }
        }

        private void finishPage() throws IOException {
            if (!links.isEmpty()) {
                page.setAnnotations(new ArrayList<>(links));
                links.clear();
            }
            content.close();
        }

        private void newPage() throws IOException {
            page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private PDAnnotationLink annotation(PDRectangle box, String uri) {
            PDActionURI action = new PDActionURI();
            action.setURI(uri);
            PDBorderStyleDictionary border = new PDBorderStyleDictionary();
            border.setWidth(0);
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(box);
            link.setBorderStyle(border);
            link.setAction(action);
            link.setPage(page);
            return link;
        }
    }
}

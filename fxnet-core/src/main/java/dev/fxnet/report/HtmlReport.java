package dev.fxnet.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A self-contained HTML page: sections of paragraphs, tables and figures, with every figure's
 * SVG inlined so the single file shows everything without other files or network access. A tiny
 * inline script records, in {@code data-*} attributes of {@code <body>}, how many figures
 * rendered with a non-empty size and whether any script error happened, so that a headless
 * browser can check the page.
 */
public final class HtmlReport {
    /**
     * The page around the body, for {@link String#formatted}: the title, the number of figures,
     * the title again, the table of contents and the body.
     */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>%s</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1200px;\
            margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.7em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ccc;\
            padding:2px 6px;text-align:left}th{background:#f3f3f3}.tw{overflow-x:auto}
            td.yes{background:#d8f0d8}td.no{background:#f6d5d5}td.unk{background:#fff3c4}
            .fig{display:inline-block;margin:.5em;vertical-align:top}.fig svg{max-width:100%%;height:auto}\
            figcaption{font-size:.85em;color:#555;max-width:800px}
            .row{display:flex;flex-wrap:wrap}
            code{background:#f4f4f4;padding:0 3px}
            </style></head>
            <body data-figures="%s">
            <h1>%s</h1>
            <ol class="toc">%s</ol>
            %s<script>
            window.addEventListener('error',function(){document.body.setAttribute('data-errors','1');});
            window.addEventListener('load',function(){var n=0;\
            document.querySelectorAll('figure svg').forEach(function(s){var r=s.getBoundingClientRect();\
            if(r.width>50&&r.height>50)n++;});document.body.setAttribute('data-rendered',String(n));\
            if(!document.body.hasAttribute('data-errors'))document.body.setAttribute('data-errors','0');});
            </script>
            </body></html>
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<String> toc = new ArrayList<>();
    private int figures;

    public HtmlReport(String title) {
        this.title = title;
    }

    /** Escapes text for HTML. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public HtmlReport section(String heading) {
        String id = "s" + (toc.size() + 1);
        toc.add("<li><a href=\"#" + id + "\">" + esc(heading) + "</a></li>");
        body.append("<h2 id=\"").append(id).append("\">").append(esc(heading)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A paragraph of trusted HTML (for emphasis, code spans, links). */
    public HtmlReport html(String html) {
        body.append(html).append('\n');
        return this;
    }

    /** A table; the first row is the header. Cells are plain text. */
    public HtmlReport table(List<List<String>> rows) {
        body.append("<div class=\"tw\"><table>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            body.append("<tr>");
            for (String c : rows.get(i)) {
                String cls = c.equals("UNIVERSAL") ? " class=\"yes\"" : c.equals("NOT_UNIVERSAL") ? " class=\"no\""
                        : c.equals("UNDETERMINED") ? " class=\"unk\"" : "";
                body.append('<').append(cell).append(cls).append('>').append(esc(c)).append("</").append(cell).append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table></div>\n");
        return this;
    }

    /** A figure: an SVG document (its XML prolog is dropped) and a caption. */
    public HtmlReport figure(String svg, String caption) {
        figures++;
        String s = svg.replaceFirst("^<\\?xml[^>]*>\\s*", "");
        body.append("<figure class=\"fig\">").append(s).append("<figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** A row of figures side by side. */
    public HtmlReport figures(List<String> svgs, List<String> captions) {
        body.append("<div class=\"row\">");
        for (int i = 0; i < svgs.size(); i++) {
            figure(svgs.get(i), captions.get(i));
        }
        body.append("</div>\n");
        return this;
    }

    /** The number of figures added. */
    public int figureCount() {
        return figures;
    }

    public String toHtml() {
        return PAGE.formatted(esc(title), figures, esc(title), String.join("", toc), body);
    }
}

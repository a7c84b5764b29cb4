import { download, pdfDownload } from "~/utils/download.server";

describe("a download", () => {
  test("is saved, not shown or kept, under its name in ASCII and in UTF-8", async () => {
    const response = download(Buffer.from("hello"), { name: "Łukasz \"notes\".txt", contentType: "text/plain" });
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"_ukasz notes.txt\"; filename*=UTF-8''%C5%81ukasz%20%22notes%22.txt",
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Length")).toBe("5");
    expect(await response.text()).toBe("hello");
  });

  test("counts the bytes of text, not its characters, and sends a PDF as one", () => {
    expect(download("Noémie", { name: "n.ics", contentType: "text/calendar" }).headers.get("Content-Length")).toBe("7");
    const pdf = pdfDownload(Buffer.from("%PDF-1.4"), "certificate-PP-AAAA.pdf");
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toMatch(/^attachment; filename="certificate-PP-AAAA\.pdf"/);
  });
});

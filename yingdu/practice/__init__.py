"""生成练习 on the site: teachers make a worksheet (yingdu.worksheets) from an English item or a
pasted text, preview it, download PDF / DOCX / HTML, or save it to the resource library."""

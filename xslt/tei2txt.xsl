<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei2txt.xsl: one TEI document of the pipeline -> plain text (UTF-8, LF).

  Reading text (diplomatic=false): a short header (title, author, source), then the
  body with repairs applied (reg/corr) and furniture, repeated passages and note
  markers left out; each block wrapped at $width; headings underlined; note markers as
  [n]; notes as numbered endnotes, or after each printed page; page numbers as [p. 181].

  Diplomatic text (diplomatic=true): the body only, with the source forms (orig/sic),
  running heads, page numbers, noise and repeated passages kept, line breaks as in the
  source and notes at their anchors (marker, then the note on its own lines): every
  character of the source body, in the source's order up to where the notes stand.

  Parameters (declared in common.xsl):
    diplomatic    xs:boolean  false: reading text; true: diplomatic text.
    width         xs:integer  72: line width of the reading text (diplomatic text keeps source lines).
    notes-mode    xs:string   'end': endnotes after the body; 'page': each page's notes after
                              the block in which the page ends.
    page-markers  xs:boolean  true: [p. 181] where a printed page begins (reading text only).
    lang          xs:string   'en': interface labels.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-pipeline:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    expand-text="yes"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- The notes of printed page k (k = the number of page breaks before the note). -->
  <xsl:key name="f:notes-by-page" match="text//note" use="f:page-index(.)"/>

  <xsl:variable name="f:nl" as="xs:string" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:if test="not($diplomatic)">
      <xsl:call-template name="f:text-header"/>
    </xsl:if>
    <xsl:apply-templates select="TEI/text"/>
    <xsl:if test="not($diplomatic)">
      <xsl:choose>
        <xsl:when test="$notes-mode = 'page'">
          <xsl:value-of select="f:notes-block(key('f:notes-by-page', count(//text//pb)))"/>
        </xsl:when>
        <xsl:when test="//text//note">
          <xsl:value-of select="f:heading(f:label('notes'), '-') || $f:nl || $f:nl"/>
          <xsl:value-of select="f:notes-block(//text//note)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:text-header">
    <xsl:variable name="stmt" select="/TEI/teiHeader/fileDesc/titleStmt"/>
    <xsl:variable name="title" select="(($stmt/title[@type = 'main'], $stmt/title)[normalize-space()][1] ! normalize-space(), f:label('untitled'))[1]"/>
    <xsl:value-of select="f:heading($title, '=')"/>
    <xsl:for-each select="$stmt/title[@type = 'sub'] | $stmt/author">
      <xsl:value-of select="$f:nl || f:wrap(normalize-space(), '', '')"/>
    </xsl:for-each>
    <xsl:for-each select="/TEI/teiHeader/fileDesc/sourceDesc/(biblStruct | bibl)[1]">
      <xsl:value-of select="$f:nl || $f:nl || f:wrap(f:label('source') || ': ' || string-join(f:citation(.)), '', '  ')"/>
    </xsl:for-each>
    <xsl:value-of select="$f:nl || $f:nl || $f:nl"/>
  </xsl:template>

  <!-- ===================== blocks ===================== -->

  <xsl:template name="f:block">
    <xsl:choose>
      <xsl:when test="self::div or self::list or self::listBibl or self::lg">
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:when test="$diplomatic">
        <xsl:apply-templates/>
        <xsl:value-of select="$f:nl"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="content" as="xs:string">
          <xsl:value-of><xsl:apply-templates/></xsl:value-of>
        </xsl:variable>
        <xsl:if test="normalize-space($content)">
          <xsl:value-of select="f:format-block(., normalize-space($content)) || $f:nl"/>
          <xsl:if test="not(self::item and following-sibling::item) and not(self::l and following-sibling::l)">
            <xsl:value-of select="$f:nl"/>
          </xsl:if>
        </xsl:if>
        <xsl:if test="$notes-mode = 'page' and not(ancestor::note)">
          <xsl:value-of select="f:notes-block(.//pb[not(ancestor::note)] ! key('f:notes-by-page', f:page-index(.) - 1))"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A block's text laid out: headings underlined, quotations indented, items bulleted. -->
  <xsl:function name="f:format-block" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$block/self::head">
        <xsl:value-of select="f:heading($text, if ($block/ancestor::div[2]) then '-' else '=')"/>
      </xsl:when>
      <xsl:when test="$block/self::quote">
        <xsl:value-of select="f:wrap($text, '    ', '    ')"/>
      </xsl:when>
      <xsl:when test="$block/self::item">
        <xsl:variable name="bullet" select="if ($block/parent::list/@type = 'ordered') then count($block/preceding-sibling::item) + 1 || '. ' else '- '"/>
        <xsl:value-of select="f:wrap($text, $bullet, string-join((1 to string-length($bullet)) ! ' '))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="f:wrap($text, '', '')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="f:heading" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:variable name="wrapped" select="f:wrap($text, '', '')"/>
    <xsl:variable name="longest" select="max((tokenize($wrapped, '&#10;') ! string-length(.), 1))"/>
    <xsl:value-of select="$wrapped || $f:nl || string-join((1 to $longest) ! $rule)"/>
  </xsl:function>

  <!-- Words of $text in lines of at most $width characters (a longer word gets its own line). -->
  <xsl:function name="f:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="rest" as="xs:string"/>
    <xsl:variable name="lines" as="xs:string*" select="fold-left(tokenize(normalize-space($text), ' ')[.], (),
        function ($lines as xs:string*, $word as xs:string) as xs:string* {
          if (empty($lines)) then $first || $word
          else if (string-length($lines[last()]) + 1 + string-length($word) le $width)
            then ($lines[position() lt last()], $lines[last()] || ' ' || $word)
          else ($lines, $rest || $word)
        })"/>
    <xsl:value-of select="string-join($lines, $f:nl)"/>
  </xsl:function>

  <!-- ===================== notes ===================== -->

  <xsl:template name="f:note-ref">
    <xsl:choose>
      <xsl:when test="$diplomatic">
        <xsl:apply-templates select="label[@type = 'marker']"/>
        <xsl:value-of select="$f:nl"/>
        <xsl:apply-templates select="node() except label[@type = 'marker']"/>
        <xsl:value-of select="$f:nl"/>
      </xsl:when>
      <xsl:otherwise>[{f:note-label(.)}]</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes as [n] text, wrapped with a hanging indent, one blank line after the group. -->
  <xsl:function name="f:notes-block" as="xs:string?">
    <xsl:param name="notes" as="element(note)*"/>
    <xsl:if test="exists($notes)">
      <xsl:variable name="items" as="xs:string*">
        <xsl:for-each select="$notes">
          <xsl:variable name="mark" select="'[' || f:note-label(.) || '] '"/>
          <xsl:variable name="body" as="xs:string"><xsl:value-of><xsl:apply-templates select="node() except label"/></xsl:value-of></xsl:variable>
          <xsl:value-of select="f:wrap(normalize-space($body), $mark, string-join((1 to string-length($mark)) ! ' '))"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:value-of select="string-join($items, $f:nl) || $f:nl || $f:nl"/>
    </xsl:if>
  </xsl:function>

  <!-- ===================== pages, inline ===================== -->

  <xsl:template name="f:page-break">
    <xsl:variable name="in-block" select="exists(ancestor::*[self::head | self::p | self::ab | self::quote | self::item | self::l | self::note])"/>
    <xsl:if test="not($diplomatic) and not($in-block) and $notes-mode = 'page'">
      <xsl:value-of select="f:notes-block(key('f:notes-by-page', f:page-index(.) - 1))"/>
    </xsl:if>
    <xsl:if test="$page-markers and not($diplomatic) and not(ancestor::note)">
      <xsl:text>[{f:label('page')} {@n}]</xsl:text>
      <xsl:value-of select="if ($in-block) then ' ' else $f:nl || $f:nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="fw[parent::div or parent::body] | surplus[parent::div or parent::body]">
    <xsl:if test="$diplomatic">
      <xsl:apply-templates/>
      <xsl:value-of select="$f:nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="gi">&lt;{.}&gt;</xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei2html.xsl: one TEI document of the pipeline -> a standalone HTML5 reading edition.

  The page carries both views: every choice is rendered with its source form
  (<span class="orig">) and its repaired form (<span class="reg">), furniture (fw) and
  repeated passages (surplus) are rendered with class "dipl"; a class on <body> picks
  the view (CSS), and a small inline script switches it. CSS and script come from
  xslt/assets/ and are inlined, so the page needs no server and no network.

  Parameters (declared in common.xsl):
    diplomatic    xs:boolean  false: the page opens in the reading view; true: diplomatic.
    page-markers  xs:boolean  true: printed page numbers in the margin (anchors always kept).
    lang          xs:string   'en': interface labels.
  (width and notes-mode only affect the plain text.)

  Ids are deterministic: xml:id where the TEI has one, else f:note-id / f:page-id /
  f:occurrence-id (accumulators). Entity names link to the index at the end of the page.
  Modes: the default mode; f:header and f:header-text (the teiHeader block at the top).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-pipeline:xslt"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    expand-text="yes"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:variable name="f:css" as="xs:string" select="unparsed-text('assets/edition.css')"/>
  <xsl:variable name="f:js" as="xs:string" select="unparsed-text('assets/edition.js')"/>

  <!-- ===================== page ===================== -->

  <xsl:template match="/">
    <xsl:variable name="tei" select="TEI"/>
    <xsl:variable name="title" select="f:doc-title($tei)"/>
    <html lang="{($tei/@xml:lang, $lang)[1]}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei pipeline (tei2html.xsl)"/>
        <title>{$title}</title>
        <style>{$f:css}</style>
      </head>
      <body class="{if ($diplomatic) then 'diplomatic' else 'reading'}{if ($page-markers) then '' else ' no-page-markers'}">
        <header class="doc-header">
          <xsl:apply-templates select="$tei/teiHeader" mode="f:header"/>
          <div class="toolbar">
            <span class="view-name" id="view-name">{f:label(if ($diplomatic) then 'diplomatic' else 'reading')}</span>
            <button type="button" id="view-toggle" hidden="hidden" aria-pressed="{$diplomatic}"
                data-show-diplomatic="{f:label('switch-view')}" data-show-reading="{f:label('switch-back')}"
                data-reading="{f:label('reading')}" data-diplomatic="{f:label('diplomatic')}"
                >{f:label(if ($diplomatic) then 'switch-back' else 'switch-view')}</button>
          </div>
        </header>
        <main class="doc-body">
          <xsl:apply-templates select="$tei/text"/>
        </main>
        <xsl:call-template name="f:notes-section"/>
        <xsl:call-template name="f:entity-index"/>
        <script>{$f:js}</script>
      </body>
    </html>
  </xsl:template>

  <!-- ===================== header (mode f:header) ===================== -->

  <xsl:mode name="f:header" on-no-match="shallow-skip"/>

  <xsl:template match="teiHeader" mode="f:header">
    <h1 class="doc-title">{f:doc-title(..)}</h1>
    <xsl:for-each select="fileDesc/titleStmt/title[@type = 'sub']">
      <p class="doc-subtitle">{normalize-space()}</p>
    </xsl:for-each>
    <xsl:if test="fileDesc/titleStmt/author">
      <p class="doc-author">{string-join(fileDesc/titleStmt/author ! normalize-space(), '; ')}</p>
    </xsl:if>
    <xsl:variable name="source" select="fileDesc/sourceDesc/(biblStruct | bibl)[1]"/>
    <xsl:if test="$source">
      <section class="source" aria-label="{f:label('source')}">
        <p class="citation"><span class="field">{f:label('source')}: </span><xsl:sequence select="f:citation($source)"/></p>
        <xsl:for-each select="$source/note | fileDesc/sourceDesc/p">
          <p class="source-note">{normalize-space()}</p>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:for-each select="profileDesc/abstract">
      <details class="abstract">
        <summary>{f:label('abstract')}</summary>
        <xsl:for-each select="p"><p>{normalize-space()}</p></xsl:for-each>
      </details>
    </xsl:for-each>
    <xsl:variable name="decls" select="encodingDesc/editorialDecl/*"/>
    <xsl:if test="$decls">
      <details class="editorial">
        <summary>{f:label('editorial')}</summary>
        <dl>
          <xsl:for-each select="$decls">
            <dt>{f:label(local-name())}</dt>
            <dd><xsl:apply-templates select="p/node()" mode="f:header-text"/></dd>
          </xsl:for-each>
        </dl>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:mode name="f:header-text" on-no-match="text-only-copy"/>
  <xsl:template match="gi | tag | att" mode="f:header-text">
    <code>{if (self::gi) then '&lt;' || . || '&gt;' else if (self::att) then '@' || . else .}</code>
  </xsl:template>

  <!-- The title of a document: the main title, else the first title, else a label. -->
  <xsl:function name="f:doc-title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)?"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($titles[@type = 'main'], $titles)[normalize-space()][1] ! normalize-space(), f:label('untitled'))[1]"/>
  </xsl:function>

  <!-- ===================== body: hooks ===================== -->

  <xsl:template name="f:block">
    <xsl:param name="popup" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="dipl-only" select="not(self::div or self::list) and not(.//text()[normalize-space()][not(ancestor::surplus | ancestor::fw | ancestor::orig | ancestor::sic | ancestor::label[@type = 'marker'] | ancestor::note)])
        and exists(.//(surplus | fw))"/>
    <xsl:variable name="class" select="string-join((local-name(), @type ! ('type-' || .), 'dipl'[$dipl-only]), ' ')"/>
    <xsl:variable name="name" as="xs:string">
      <xsl:choose>
        <xsl:when test="$popup or $phrasing">span</xsl:when>
        <xsl:when test="self::div">section</xsl:when>
        <xsl:when test="self::head">h{min((count(ancestor::div) + 1, 6))}</xsl:when>
        <xsl:when test="self::p">{if (.//(list | lg | listBibl | table)) then 'div' else 'p'}</xsl:when>
        <xsl:when test="self::quote">blockquote</xsl:when>
        <xsl:when test="self::list or self::listBibl">{if (@type = 'ordered' or @rend = 'numbered') then 'ol' else 'ul'}</xsl:when>
        <xsl:when test="self::item or (self::bibl and parent::listBibl)">li</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$name}">
      <xsl:attribute name="class" select="$class"/>
      <xsl:if test="@xml:id and not($popup)"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="f:inline">
    <xsl:param name="popup" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="if ($popup) then () else if (self::persName | self::placeName | self::orgName | self::date) then f:occurrence-id(.) else @xml:id"/>
    <xsl:variable name="target" select="if (@ref and not(ancestor::persName[@ref] | ancestor::placeName[@ref] | ancestor::orgName[@ref]))
        then (tokenize(@ref, '\s+')[starts-with(., '#')][exists(id(substring(., 2), root(current())))])[1] else ()"/>
    <xsl:variable name="name" select="
        if (exists($target)) then 'a'
        else if (self::date and matches(@when, '^\d{4}(-\d{2}(-\d{2})?)?$')) then 'time'
        else if (self::title[@level = ('m', 'j', 's')] or self::title[not(@level)][ancestor::bibl]) then 'cite'
        else if (self::hi) then (if (@rend = ('sup', 'superscript')) then 'sup' else if (@rend = ('sub', 'subscript')) then 'sub' else if (@rend = 'bold') then 'b' else 'i')
        else if (self::quote) then 'q'
        else if (self::emph or self::foreign or self::term) then 'em'
        else 'span'"/>
    <xsl:element name="{$name}">
      <xsl:attribute name="class" select="string-join((local-name(), @type ! ('type-' || .), @level ! ('level-' || .),
          'name'[current()/(self::persName | self::placeName | self::orgName)], 'dipl'[current()/(self::fw | self::surplus | self::label[@type = 'marker'])]), ' ')"/>
      <xsl:if test="exists($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
      <xsl:if test="exists($target)"><xsl:attribute name="href" select="$target"/></xsl:if>
      <xsl:if test="self::date">
        <xsl:if test="$name = 'time'"><xsl:attribute name="datetime" select="@when"/></xsl:if>
        <xsl:attribute name="title" select="f:date-label(.)"/>
      </xsl:if>
      <xsl:if test="self::fw">
        <xsl:attribute name="title" select="string-join(('fw', @type, @place), ' ')"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- fw, surplus and note markers: always rendered, shown only in the diplomatic view. -->
  <xsl:template match="fw | surplus | label[@type = 'marker']">
    <xsl:choose>
      <xsl:when test="parent::div or parent::body">
        <div class="{local-name()} {@type ! ('type-' || .)} dipl" title="{string-join(('fw', @type, @place), ' ')}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="f:inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="f:choice">
    <xsl:variable name="reading" select="normalize-space(string-join((reg | corr)[1]//text()))"/>
    <xsl:variable name="source" select="normalize-space(string-join((orig | sic)[1]//text()))"/>
    <xsl:variable name="kind" select="(substring-after(@ana, '#repair-')[.], 'repair')[1]"/>
    <span class="choice type-{$kind}" title="{$kind}: {$source} → {$reading}">
      <xsl:apply-templates select="orig | sic | reg | corr"/>
    </span>
  </xsl:template>

  <xsl:template match="orig | sic | reg | corr">
    <span class="{distinct-values((local-name(), if (self::orig or self::sic) then 'orig' else 'reg'))}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="gi"><code>&lt;{.}&gt;</code></xsl:template>

  <xsl:template name="f:page-break">
    <xsl:param name="popup" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="not($popup)">
      <a class="pb" id="{f:page-id(.)}" href="#{f:page-id(.)}" title="{f:label('page')} {@n}">{@n}</a>
    </xsl:if>
  </xsl:template>

  <!-- A note marker in the text: a link to the note, with the note shown on hover/focus. -->
  <xsl:template name="f:note-ref">
    <xsl:param name="popup" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="f:note-id(.)"/>
    <xsl:if test="not($popup)">
      <span class="noteref">
        <a class="marker" href="#{$id}" id="ref-{$id}" aria-describedby="pop-{$id}">{f:note-label(.)}</a>
        <span class="note-pop" role="tooltip" id="pop-{$id}">
          <xsl:apply-templates select="node() except label">
            <xsl:with-param name="popup" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- ===================== notes and index ===================== -->

  <xsl:template name="f:notes-section">
    <xsl:variable name="notes" select="/TEI/text//note"/>
    <xsl:if test="$notes">
      <section class="notes" id="notes" aria-label="{f:label('notes')}">
        <h2>{f:label('notes')}</h2>
        <ol class="note-list">
          <xsl:for-each select="$notes">
            <li class="note" id="{f:note-id(.)}">
              <a class="note-back" href="#ref-{f:note-id(.)}" title="{f:label('back')}">{(label[not(@type)][1] ! normalize-space(), f:note-label(.))[1]}</a>
              <xsl:text> </xsl:text>
              <span class="note-text">
                <xsl:apply-templates select="node() except label">
                  <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:entity-index">
    <xsl:variable name="lists" select="/TEI/standOff/(listPerson | listPlace | listOrg)[*]"/>
    <xsl:if test="$lists">
      <section class="entity-index" id="index" aria-label="{f:label('index')}">
        <h2>{f:label('index')}</h2>
        <xsl:for-each select="$lists">
          <h3>{f:label(if (self::listPerson) then 'persons' else if (self::listPlace) then 'places' else 'orgs')}</h3>
          <ul class="{local-name()}">
            <xsl:for-each select="*">
              <xsl:sort select="lower-case(normalize-space((persName | placeName | orgName)[1]))"/>
              <xsl:call-template name="f:index-entry"/>
            </xsl:for-each>
          </ul>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:index-entry">
    <xsl:variable name="occurrences" select="key('f:refs', '#' || @xml:id)[ancestor::text]"/>
    <li id="{@xml:id}" class="entry">
      <span class="entry-name">{normalize-space((persName | placeName | orgName)[1])}</span>
      <xsl:for-each select="idno[f:authority-url(.)]">
        <xsl:text> </xsl:text>
        <a class="authority" href="{f:authority-url(.)}" title="{f:label('authority')}">{(@type, 'id')[1]}</a>
      </xsl:for-each>
      <xsl:if test="$occurrences">
        <span class="occurrences">
          <xsl:for-each select="$occurrences">
            <xsl:text> </xsl:text>
            <a href="#{f:occurrence-id(.)}">{(f:page-of(.) ! (f:label('page') || ' ' || .), string(position()))[1]}</a>
          </xsl:for-each>
        </span>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>

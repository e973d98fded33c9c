<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei2index.xsl: the corpus index page (out/html/index.html) of several TEI documents.

  Input: a collection document built by tei/render.py (collection_xml):
    <f:collection xmlns:f="urn:tei-pipeline:xslt">
      <f:doc href="000.html" name="000"><TEI>…</TEI></f:doc> …
    </f:collection>
  Output: a standalone HTML5 page listing every document (title linked to its page,
  source citation, counts of persons, places, organisations, dates, notes and pages)
  and a combined index of persons, places and organisations (grouped by register id
  across documents) linking to each occurrence (doc.html#persName-3, the ids
  tei2html.xsl gives the same elements: f:occurrence-id in common.xsl).

  Parameters (declared in common.xsl): lang xs:string 'en' (interface labels).
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

  <xsl:template match="/">
    <xsl:variable name="docs" select="f:collection/f:doc[TEI]"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="tei pipeline (tei2index.xsl)"/>
        <title>{f:label('corpus')}</title>
        <style>{$f:css}</style>
      </head>
      <body class="reading corpus-index">
        <header class="doc-header">
          <h1 class="doc-title">{f:label('corpus')}</h1>
        </header>
        <main>
          <section class="documents" id="documents">
            <h2>{f:label('documents')}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{f:label('document')}</th>
                    <xsl:for-each select="('persons', 'places', 'orgs', 'dates', 'notes', 'pages')">
                      <th scope="col" class="count">{f:label(.)}</th>
                    </xsl:for-each>
                  </tr>
                </thead>
                <tbody>
                  <xsl:apply-templates select="$docs" mode="f:row"/>
                </tbody>
              </table>
            </div>
          </section>
          <section class="entity-index" id="index">
            <h2>{f:label('index')}</h2>
            <xsl:call-template name="f:combined-list">
              <xsl:with-param name="entries" select="$docs/TEI/standOff/listPerson/person"/>
              <xsl:with-param name="key" select="'persons'"/>
            </xsl:call-template>
            <xsl:call-template name="f:combined-list">
              <xsl:with-param name="entries" select="$docs/TEI/standOff/listPlace/place"/>
              <xsl:with-param name="key" select="'places'"/>
            </xsl:call-template>
            <xsl:call-template name="f:combined-list">
              <xsl:with-param name="entries" select="$docs/TEI/standOff/listOrg/org"/>
              <xsl:with-param name="key" select="'orgs'"/>
            </xsl:call-template>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:mode name="f:row" on-no-match="shallow-skip"/>

  <xsl:template match="f:doc" mode="f:row">
    <xsl:variable name="tei" select="TEI"/>
    <xsl:variable name="stmt" select="$tei/teiHeader/fileDesc/titleStmt"/>
    <xsl:variable name="title" select="(($stmt/title[@type = 'main'], $stmt/title)[normalize-space()][1] ! normalize-space(), string(@name))[1]"/>
    <xsl:variable name="source" select="$tei/teiHeader/fileDesc/sourceDesc/(biblStruct | bibl)[1]"/>
    <tr id="doc-{@name}">
      <td>
        <a class="doc-link" href="{@href}">{$title}</a>
        <xsl:if test="$source"><br/><span class="citation"><xsl:sequence select="f:citation($source)"/></span></xsl:if>
      </td>
      <td class="count">{count($tei/standOff/listPerson/person)}</td>
      <td class="count">{count($tei/standOff/listPlace/place)}</td>
      <td class="count">{count($tei/standOff/listOrg/org)}</td>
      <td class="count">{count($tei/text//date)}</td>
      <td class="count">{count($tei/text//note)}</td>
      <td class="count">{count($tei/text//pb)}</td>
    </tr>
  </xsl:template>

  <!-- One register list across documents: entries grouped by xml:id, occurrences per document. -->
  <xsl:template name="f:combined-list">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:if test="$entries">
      <h3>{f:label($key)}</h3>
      <ul class="combined-{$key}">
        <xsl:for-each-group select="$entries" group-by="string(@xml:id)">
          <xsl:sort select="lower-case(normalize-space((current-group()[1]/(persName | placeName | orgName))[1]))"/>
          <li class="entry" id="{current-grouping-key()}">
            <span class="entry-name">{normalize-space((current-group()[1]/(persName | placeName | orgName))[1])}</span>
            <xsl:for-each select="distinct-values(current-group()/idno ! f:authority-url(.))">
              <xsl:text> </xsl:text>
              <a class="authority" href="{.}" title="{f:label('authority')}">↗</a>
            </xsl:for-each>
            <ul class="occurrences">
              <xsl:for-each select="current-group()">
                <xsl:variable name="doc" select="ancestor::f:doc"/>
                <xsl:variable name="tei" select="ancestor::TEI"/>
                <xsl:variable name="occurrences" select="key('f:refs', '#' || @xml:id, $tei)[ancestor::text]"/>
                <li>
                  <a href="{$doc/@href}">{(($tei/teiHeader/fileDesc/titleStmt/title[@type = 'main'], $tei/teiHeader/fileDesc/titleStmt/title)[normalize-space()][1] ! normalize-space(), string($doc/@name))[1]}</a>
                  <xsl:for-each select="$occurrences">
                    <xsl:text> </xsl:text>
                    <a href="{$doc/@href}#{f:occurrence-id(.)}">{(f:page-of(.) ! (f:label('page') || ' ' || .), string(position()))[1]}</a>
                  </xsl:for-each>
                </li>
              </xsl:for-each>
            </ul>
          </li>
        </xsl:for-each-group>
      </ul>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

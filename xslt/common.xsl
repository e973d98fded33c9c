<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every rendering of the pipeline's TEI shares. Never compiled alone:
  tei2html.xsl, tei2txt.xsl and tei2index.xsl import it first and override its hooks
  through import precedence.

  Parameters (typed; Python sets them with make_boolean_value / make_integer_value /
  make_string_value):
    diplomatic    xs:boolean  false: the reading view (reg/corr; fw, surplus and note
                              markers left out); true: the diplomatic view (orig/sic,
                              everything kept).
    width         xs:integer  72: line width of the wrapped plain text.
    notes-mode    xs:string   'end': notes as endnotes; 'page': after each printed page.
    page-markers  xs:boolean  true: show printed page numbers ([p. 181] in text).
    lang          xs:string   'en': language of the interface labels (f:label).

  Functions (namespace urn:tei-pipeline:xslt, prefix f):
    f:label($key)          interface label from the one label map.
    f:note-label($note)    @n, else the note's number in the document.
    f:note-id($note)       @xml:id, else note-N.
    f:page-id($pb)         p181 (p181-2 when the number repeats), pb-N without @n.
    f:occurrence-id($e)    @xml:id, else persName-N / placeName-N / orgName-N / date-N.
    f:page-of($node)       the @n of the printed page a node stands on (accumulator f:page).
    f:page-index($node)    how many pb precede a node (accumulator f:counts).
    f:date-label($date)    the normalised ISO value(s) of a date, in words.
    f:authority-url($idno) a resolvable URL for an idno (wikidata, geonames, viaf, URL).
    f:citation($source)    the source citation of a sourceDesc biblStruct/bibl (text + <cite>).
    f:is-skipped($node)    what the current view leaves out.

  Hooks (named templates, overridden by the entry stylesheets):
    f:block, f:inline, f:note-ref, f:page-break, f:choice.
  Modes: the default mode only (entry stylesheets add their own, documented there).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-pipeline:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    expand-text="yes"
    exclude-result-prefixes="#all">

  <xsl:param name="diplomatic" as="xs:boolean" select="false()"/>
  <xsl:param name="width" as="xs:integer" select="72"/>
  <xsl:param name="notes-mode" as="xs:string" select="'end'"/>
  <xsl:param name="page-markers" as="xs:boolean" select="true()"/>
  <xsl:param name="lang" as="xs:string" select="'en'"/>

  <!-- Element-only containers: their whitespace is indentation, never text. -->
  <xsl:strip-space elements="TEI teiHeader fileDesc titleStmt sourceDesc biblStruct analytic monogr
      imprint series encodingDesc editorialDecl profileDesc revisionDesc standOff listPerson
      listPlace listOrg person place org text front body back div list choice listBibl lg"/>

  <xsl:mode on-no-match="text-only-copy" use-accumulators="#all"/>

  <xsl:key name="f:refs" match="persName[@ref] | placeName[@ref] | orgName[@ref]"
      use="tokenize(@ref, '\s+')"/>

  <!-- The one label map: key -> label per language (English is the fallback). -->
  <xsl:variable name="f:labels" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'en': map {
        'notes': 'Notes', 'index': 'Index of names', 'persons': 'Persons', 'places': 'Places',
        'orgs': 'Organisations', 'dates': 'Dates', 'pages': 'Pages', 'source': 'Source',
        'editorial': 'Editorial normalisations', 'abstract': 'Abstract', 'page': 'p.',
        'reading': 'Reading view', 'diplomatic': 'Diplomatic view', 'switch-view': 'Show the diplomatic view',
        'switch-back': 'Show the reading view', 'back': 'back to the text', 'occurrences': 'occurrences',
        'documents': 'Documents', 'document': 'Document', 'corpus': 'Corpus index',
        'from': 'from', 'to': 'to', 'not-before': 'not before', 'not-after': 'not after',
        'conjecture': 'inferred', 'uncertain': 'uncertain', 'contents': 'Contents',
        'correction': 'Corrections', 'normalization': 'Normalisation', 'hyphenation': 'Hyphenation',
        'interpretation': 'Interpretation', 'segmentation': 'Segmentation', 'quotation': 'Quotation',
        'punctuation': 'Punctuation', 'stdVals': 'Standard values', 'note-marker': 'Note',
        'authority': 'authority record', 'untitled': 'Untitled', 'repaired': 'repaired'
      }
    }"/>

  <!-- ===================== functions ===================== -->

  <xsl:function name="f:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($f:labels($lang)($key), $f:labels('en')($key), $key)[1]"/>
  </xsl:function>

  <xsl:function name="f:note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($note/@n) then string($note/@n) else f:number($note)"/>
  </xsl:function>

  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id) else 'note-' || f:number($note)"/>
  </xsl:function>

  <!-- Counters over the body, in one pass (accumulators, not xsl:number, which is
       quadratic on long documents): per element name, and the printed page. Both
       restart at each TEI element, so a collection of documents numbers each alone. -->
  <xsl:accumulator name="f:counts" as="map(xs:string, xs:integer)" initial-value="map {}">
    <xsl:accumulator-rule match="TEI" select="map {}"/>
    <xsl:accumulator-rule match="text//*" select="map:put($value, local-name(), ($value(local-name()), 0)[1] + 1)"/>
  </xsl:accumulator>
  <xsl:accumulator name="f:page" as="xs:string?" initial-value="()">
    <xsl:accumulator-rule match="TEI" select="()"/>
    <xsl:accumulator-rule match="text//pb" select="string(@n)"/>
  </xsl:accumulator>

  <!-- The position of a body element among the elements of its name in its document. -->
  <xsl:function name="f:number" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string($e/accumulator-before('f:counts')(local-name($e)))"/>
  </xsl:function>

  <!-- The printed page a body node stands on (the @n of the last pb before it), if any. -->
  <xsl:function name="f:page-of" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/accumulator-before('f:page')[normalize-space()]"/>
  </xsl:function>

  <!-- The index of the printed page a body node stands on (0 before the first pb). -->
  <xsl:function name="f:page-index" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/accumulator-before('f:counts')('pb'), 0)[1]"/>
  </xsl:function>

  <xsl:function name="f:page-id" as="xs:string">
    <xsl:param name="pb" as="element(pb)"/>
    <xsl:choose>
      <xsl:when test="$pb/@xml:id">{$pb/@xml:id}</xsl:when>
      <xsl:when test="normalize-space($pb/@n)">
        <xsl:variable name="n" select="replace(normalize-space($pb/@n), '[^\p{L}\p{N}_.-]', '_')"/>
        <xsl:variable name="same" select="count($pb/preceding::pb[@n = $pb/@n][ancestor::TEI[1] is $pb/ancestor::TEI[1]])"/>
        <xsl:sequence select="'p' || $n || (if ($same) then '-' || ($same + 1) else '')"/>
      </xsl:when>
      <xsl:otherwise>pb-{f:number($pb)}</xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="f:occurrence-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/@xml:id) then string($e/@xml:id) else local-name($e) || '-' || f:number($e)"/>
  </xsl:function>

  <xsl:function name="f:date-label" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:choose>
        <xsl:when test="$date/@when">{$date/@when}</xsl:when>
        <xsl:when test="$date/@from or $date/@to">{string-join(($date/@from ! (f:label('from') || ' ' || .), $date/@to ! (f:label('to') || ' ' || .)), ' ')}</xsl:when>
        <xsl:otherwise>{string-join(($date/@notBefore ! (f:label('not-before') || ' ' || .), $date/@notAfter ! (f:label('not-after') || ' ' || .)), ', ')}</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$date/@evidence = 'conjecture'">({f:label('conjecture')})</xsl:if>
      <xsl:if test="$date/@cert = ('low', 'medium') and not($date/@evidence = 'conjecture')">({f:label('uncertain')})</xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join($parts[normalize-space()], ' ')"/>
  </xsl:function>

  <xsl:function name="f:authority-url" as="xs:string?">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:variable name="v" select="normalize-space($idno)"/>
    <xsl:sequence select="
        if (matches($v, '^https?://')) then $v
        else if ($idno/@type = 'wikidata') then 'https://www.wikidata.org/wiki/' || $v
        else if ($idno/@type = 'geonames') then 'https://www.geonames.org/' || $v
        else if ($idno/@type = 'viaf') then 'https://viaf.org/viaf/' || $v
        else ()"/>
  </xsl:function>

  <!-- A source citation from sourceDesc/biblStruct or bibl: text nodes and <cite> for
       monograph/journal titles (the string value is the plain citation). -->
  <xsl:function name="f:citation" as="node()*">
    <xsl:param name="source" as="element()"/>
    <xsl:variable name="authors" select="($source/analytic/author, $source/monogr/author, $source/self::bibl/author)"/>
    <xsl:variable name="article" select="($source/analytic/title, $source/self::bibl/title[@level = 'a'])[1]"/>
    <xsl:variable name="book" select="($source/monogr/title, $source/self::bibl/title[not(@level = ('a', 's'))])[1]"/>
    <xsl:variable name="series" select="($source/series/title, $source/self::bibl/title[@level = 's'])[1]"/>
    <xsl:variable name="imprint" select="($source/monogr/imprint, $source/self::bibl)[1]"/>
    <xsl:variable name="scope" select="($source/monogr/biblScope, $source/self::bibl/biblScope)[@unit = 'page'][1]"/>
    <xsl:variable name="place-publisher" select="string-join(($imprint/pubPlace, $imprint/publisher) ! normalize-space()[.], ': ')"/>
    <xsl:variable name="pub" select="string-join(($place-publisher[.], ($imprint/date)[1] ! normalize-space()[.]), ', ')"/>
    <xsl:variable name="pages" select="if ($scope/@from and $scope/@to and $scope/@from != $scope/@to) then $scope/@from || '–' || $scope/@to
        else ($scope/@from, normalize-space($scope))[.][1]"/>
    <xsl:if test="$authors">{string-join($authors ! normalize-space(), ', ')}. </xsl:if>
    <xsl:if test="$article">“{normalize-space($article)}”<xsl:if test="$book">, in </xsl:if></xsl:if>
    <xsl:if test="$book"><cite>{normalize-space($book)}</cite></xsl:if>
    <xsl:if test="$series"> ({normalize-space($series)})</xsl:if>
    <xsl:if test="$pub">, {$pub}</xsl:if>
    <xsl:if test="$pages">, {if (contains($pages, '–') or contains($pages, '-')) then 'pp.' else 'p.'} {$pages}</xsl:if>
    <xsl:if test="not($authors | $article | $book) and $source/self::bibl">{normalize-space(string-join($source/(text() | *[not(self::note)]), ' '))}</xsl:if>
    <xsl:text>.</xsl:text>
  </xsl:function>

  <!-- What the current view leaves out of the text flow. -->
  <xsl:function name="f:is-skipped" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($diplomatic) then $node/self::reg or $node/self::corr
        else exists($node/(self::fw | self::surplus | self::label[@type = 'marker'] | self::orig | self::sic))"/>
  </xsl:function>

  <!-- ===================== skip rules (every format) ===================== -->

  <xsl:template match="teiHeader | standOff"/>

  <xsl:template match="TEI | text | body | front | back">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ===================== structure → hooks ===================== -->

  <xsl:template match="div | head | p | ab | quote[not(ancestor::p | ancestor::head | ancestor::item)]
      | list | item | lg | l | listBibl | bibl[parent::div | parent::body]">
    <xsl:call-template name="f:block"/>
  </xsl:template>

  <xsl:template match="persName | placeName | orgName | date | title | author | editor | publisher
      | pubPlace | biblScope | bibl | hi | num | quote | name | label | idno | term | foreign | emph">
    <xsl:call-template name="f:inline"/>
  </xsl:template>

  <xsl:template match="fw | surplus | label[@type = 'marker']">
    <xsl:if test="not(f:is-skipped(.))"><xsl:call-template name="f:inline"/></xsl:if>
  </xsl:template>

  <xsl:template match="choice"><xsl:call-template name="f:choice"/></xsl:template>
  <xsl:template match="orig | sic | reg | corr">
    <xsl:if test="not(f:is-skipped(.))"><xsl:apply-templates/></xsl:if>
  </xsl:template>

  <xsl:template match="note"><xsl:call-template name="f:note-ref"/></xsl:template>
  <xsl:template match="pb"><xsl:call-template name="f:page-break"/></xsl:template>
  <xsl:template match="lb"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="cb | milestone | anchor"/>
  <xsl:template match="g"><xsl:apply-templates/></xsl:template>
  <xsl:template match="gap">[…]</xsl:template>

  <!-- ===================== hook defaults ===================== -->

  <xsl:template name="f:block"><xsl:apply-templates/></xsl:template>
  <xsl:template name="f:inline"><xsl:apply-templates/></xsl:template>
  <xsl:template name="f:choice"><xsl:apply-templates/></xsl:template>
  <xsl:template name="f:note-ref">[{f:note-label(.)}]</xsl:template>
  <xsl:template name="f:page-break">
    <xsl:if test="$page-markers">[{f:label('page')} {@n}]</xsl:if>
  </xsl:template>

  <!-- ===================== fallback ===================== -->

  <xsl:template match="*" priority="-10">
    <xsl:message>RND001 unhandled element {name()}</xsl:message>
    <xsl:apply-templates/>
  </xsl:template>

</xsl:stylesheet>

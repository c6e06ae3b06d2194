"""Old table-and-font layouts: the story, not the menus around it.

Pre-CSS sites (small-town papers, parish councils, clubs) lay a page out in
table cells and break the story into paragraphs with ``<br><br>``, not ``<p>``.
These three pages are invented for this test (every name, place and address is
made up) in three such templates, written after the fix was designed on the
ASP fixture page, to check that it is not a fit to that one page.
"""

from __future__ import annotations

import pytest
from slant.text.article import read_page

from bench.extraction import shingle_f1

COUNCIL = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Upper Wendle Parish Council - News - Bus shelter on Church Lane to be replaced</title>
</head>
<body bgcolor="#f4f4e8">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" bgcolor="#336633"><img src="images/crest.gif" alt="Upper Wendle Parish Council" /></td></tr>
<tr><td colspan="2" bgcolor="#cccc99">&nbsp;<a href="index.htm">Home</a>&nbsp;|&nbsp;<a href="councillors.htm">Your Councillors</a>&nbsp;|&nbsp;<a href="minutes.htm">Minutes</a>&nbsp;|&nbsp;<a href="planning.htm">Planning</a>&nbsp;|&nbsp;<a href="allotments.htm">Allotments</a>&nbsp;|&nbsp;<a href="contact.htm">Contact the Clerk</a></td></tr>
<tr>
<td width="170" valign="top" bgcolor="#e8e8d0">
<b>Council business</b><br />
<a href="meetings.htm">Meeting dates 2026</a><br />
<a href="agendas.htm">Agendas</a><br />
<a href="accounts.htm">Annual accounts</a><br />
<a href="grants.htm">Community grants</a><br /><br />
<b>Village life</b><br />
<a href="hall.htm">Village hall bookings</a><br />
<a href="footpaths.htm">Footpaths and stiles</a><br />
<a href="bins.htm">Bin collection days</a><br />
</td>
<td valign="top" class="bodytext">
<b><font size="4">Bus shelter on Church Lane to be replaced</font></b><br />
<i>Posted 3 March 2026 by the Clerk</i><br /><br />
The parish council agreed at its February meeting to replace the wooden bus shelter on Church Lane, which was damaged when a delivery lorry reversed into it in January.<br /><br />
Councillors looked at three quotes. The cheapest, for a steel shelter with a glass back panel, came to just over four thousand pounds, and the council voted six to one to accept it. The district council has offered to pay half of the cost from its rural transport fund.<br /><br />
Councillor Mabel Ashworth, who voted against, said she would rather keep a wooden shelter in keeping with the lane, even at a higher price. Others pointed out that the old one had needed repairs almost every winter.<br /><br />
Work is expected to start in April and take about a week. The bus stop will move fifty yards towards the green while it is done, and notices will be put up at both stops.<br /><br />
Residents with questions can write to the Clerk or come to the next meeting on 17 March at the village hall.
<br /><br /><hr />
<font size="1"><a href="news.htm">&lt;&lt; Back to all news</a> | <a href="#top">Top of page</a></font>
</td></tr>
<tr><td colspan="2" align="center"><font size="1">&copy; Upper Wendle Parish Council 2026. Clerk: The Old Forge, Upper Wendle.<br /><a href="accessibility.htm">Accessibility</a> | <a href="privacy.htm">Privacy notice</a></font></td></tr>
</table>
</body></html>
"""

COUNCIL_GOLD = """The parish council agreed at its February meeting to replace the wooden bus shelter on Church Lane, which was damaged when a delivery lorry reversed into it in January.

Councillors looked at three quotes. The cheapest, for a steel shelter with a glass back panel, came to just over four thousand pounds, and the council voted six to one to accept it. The district council has offered to pay half of the cost from its rural transport fund.

Councillor Mabel Ashworth, who voted against, said she would rather keep a wooden shelter in keeping with the lane, even at a higher price. Others pointed out that the old one had needed repairs almost every winter.

Work is expected to start in April and take about a week. The bus stop will move fifty yards towards the green while it is done, and notices will be put up at both stops.

Residents with questions can write to the Clerk or come to the next meeting on 17 March at the village hall."""

CLUB = """<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">
<META NAME="GENERATOR" CONTENT="Microsoft FrontPage 4.0">
<TITLE>Tarnside Rowing Club - Regatta Report</TITLE>
</HEAD>
<BODY BGCOLOR="#FFFFFF" LINK="#000080" VLINK="#800080">
<TABLE BORDER="0" WIDTH="100%" CELLSPACING="0" CELLPADDING="4">
<TR>
<TD WIDTH="18%" VALIGN="TOP" BGCOLOR="#000080"><FONT FACE="Verdana" SIZE="2" COLOR="#FFFFFF">
<A HREF="default.htm"><FONT COLOR="#FFFFFF">Home</FONT></A><BR>
<A HREF="about.htm"><FONT COLOR="#FFFFFF">About the Club</FONT></A><BR>
<A HREF="joining.htm"><FONT COLOR="#FFFFFF">Join Us</FONT></A><BR>
<A HREF="juniors.htm"><FONT COLOR="#FFFFFF">Juniors</FONT></A><BR>
<A HREF="results.htm"><FONT COLOR="#FFFFFF">Results</FONT></A><BR>
<A HREF="gallery.htm"><FONT COLOR="#FFFFFF">Photo Gallery</FONT></A><BR>
<A HREF="links.htm"><FONT COLOR="#FFFFFF">Links</FONT></A><BR>
<BR>
<FONT SIZE="1">Boathouse open<BR>Sat &amp; Sun 7am-12pm</FONT></FONT></TD>
<TD WIDTH="82%" VALIGN="TOP">
<FONT FACE="Verdana" SIZE="4" COLOR="#000080"><B>Tarnside Spring Regatta 2026</B></FONT>
<HR>
<FONT FACE="Verdana" SIZE="2">
Tarnside crews came home from the Spring Regatta at Holmewater with two wins and a second place, our best result at the event for several years.
<BR>
<BR>
The women's double of Priya Lindgren and Ros Achebe won their final by a length and a half after leading from the start. Both only took up sculling three seasons ago through the club's learn-to-row course.
<BR>
<BR>
In the junior coxed four, a crew of under-sixteens beat the host club in a close final, with the result decided on the last stroke. Cox Tilly Marsh kept the boat straight through a strong crosswind on the second half of the course.
<BR>
<BR>
The men's eight reached the final but finished second to a university crew, who pulled away in the last two hundred metres. Captain Owen Fairweather said the crew had trained hard all winter and were pleased to have pushed a much younger boat.
<BR>
<BR>
Thanks go to the parents who drove the trailer, and to everyone who helped rig the boats on Saturday morning. The next event is the Tarnside Head on 9 May, and volunteers for marshalling are still needed.
</FONT>
<HR>
<FONT FACE="Verdana" SIZE="1">Page last updated: 14/04/2026 | <A HREF="mailto:secretary@tarnside-rc.example">Email the webmaster</A><BR>
You are visitor number 004127</FONT>
</TD>
</TR>
</TABLE>
</BODY>
</HTML>
"""

CLUB_GOLD = """Tarnside crews came home from the Spring Regatta at Holmewater with two wins and a second place, our best result at the event for several years.

The women's double of Priya Lindgren and Ros Achebe won their final by a length and a half after leading from the start. Both only took up sculling three seasons ago through the club's learn-to-row course.

In the junior coxed four, a crew of under-sixteens beat the host club in a close final, with the result decided on the last stroke. Cox Tilly Marsh kept the boat straight through a strong crosswind on the second half of the course.

The men's eight reached the final but finished second to a university crew, who pulled away in the last two hundred metres. Captain Owen Fairweather said the crew had trained hard all winter and were pleased to have pushed a much younger boat.

Thanks go to the parents who drove the trailer, and to everyone who helped rig the boats on Saturday morning. The next event is the Tarnside Head on 9 May, and volunteers for marshalling are still needed."""

WEEKLY = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Fenby Advertiser Online - School roof repairs to close hall for summer</title>
<meta name="description" content="News from Fenby and the villages">
</head>
<body topmargin="0" leftmargin="0">
<table width="800" cellspacing="0" cellpadding="0" border="0">
<tr><td colspan="3"><img src="/gfx/top.jpg" width="800" height="100" alt="Fenby Advertiser"></td></tr>
<tr>
<td width="160" valign="top" bgcolor="#ffffcc"><font face="Verdana,Arial" size="1">
<b>TODAY'S NEWS</b><br>
&raquo; <a href="/news/0412a.html">Fenby market to move to Saturdays</a><br>
&raquo; <a href="/news/0412b.html">Two hurt in bypass crash</a><br>
&raquo; <a href="/news/0412c.html">Library wins lottery grant</a><br>
&raquo; <a href="/news/0412d.html">Bowls club seeks new members</a><br>
<br>
<b>SECTIONS</b><br>
<a href="/sport/">Sport</a><br>
<a href="/whatson/">What's On</a><br>
<a href="/family/">Family Notices</a><br>
<a href="/jobs/">Jobs</a><br>
</font></td>
<td width="480" valign="top"><span class="story">
<font face="Arial" size="4"><b>School roof repairs to close hall for summer</b></font><br>
<font face="Arial" size="1">12 April 2026</font><br><br>
<font face="Georgia" size="2">
&nbsp;&nbsp;&nbsp;The main hall at Fenby Primary School will be shut for the whole summer holiday while its leaking roof is replaced, the county council has said.<br>
<br>
&nbsp;&nbsp;&nbsp;Buckets have been put out in the hall after heavy rain since the autumn, and a section of ceiling was taped off in February. Head teacher Graham Oyelaran said lessons had not been disrupted but that the hall could no longer be used for school lunches on wet days.<br>
<br>
&nbsp;&nbsp;&nbsp;The county council has set aside money for the work in this year's schools maintenance budget. A spokesman said contractors would start on the day term ends and that the hall should be ready for the new school year in September.<br>
<br>
&nbsp;&nbsp;&nbsp;The summer holiday club, which usually meets in the hall, will move to the village hall on Mill Road for the six weeks. Parents who have booked places will be sent details in June.
</font></span><br><br>
<font face="Arial" size="1"><a href="/news/">More news</a> &middot; <a href="/contact/">Send us your story</a></font>
</td>
<td width="160" valign="top" bgcolor="#eeeeee"><font face="Arial" size="1">
<b>CLASSIFIEDS</b><br>
Garden shed, 6x4, good condition, offers. Tel 01234 000000<br><br>
Piano lessons, all ages, Fenby area<br><br>
<a href="/classifieds/">Place an advert</a></font></td>
</tr>
<tr><td colspan="3" align="center"><font face="Arial" size="1">&copy; Fenby Advertiser 2026 &middot; <a href="/terms.html">Terms</a></font></td></tr>
</table>
</body>
</html>
"""

WEEKLY_GOLD = """The main hall at Fenby Primary School will be shut for the whole summer holiday while its leaking roof is replaced, the county council has said.

Buckets have been put out in the hall after heavy rain since the autumn, and a section of ceiling was taped off in February. Head teacher Graham Oyelaran said lessons had not been disrupted but that the hall could no longer be used for school lunches on wet days.

The county council has set aside money for the work in this year's schools maintenance budget. A spokesman said contractors would start on the day term ends and that the hall should be ready for the new school year in September.

The summer holiday club, which usually meets in the hall, will move to the village hall on Mill Road for the six weeks. Parents who have booked places will be sent details in June."""

PAGES = {
    "council": (COUNCIL, COUNCIL_GOLD, ["Your Councillors", "Bin collection days", "Privacy"]),
    "club": (CLUB, CLUB_GOLD, ["Photo Gallery", "Join Us", "visitor number"]),
    "weekly": (WEEKLY, WEEKLY_GOLD, ["Two hurt in bypass crash", "Garden shed", "Family Notices"]),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_legacy_layout_gives_the_story_without_its_menus(name):
    html, gold, menu = PAGES[name]
    text = read_page(html).text
    assert shingle_f1(text, gold)[0] >= 0.95
    for item in menu:
        assert item not in text


def test_br_paragraphs_stay_paragraphs():
    text = read_page(CLUB).text
    assert "several years.\n\nThe women's double" in text

"""Exports of the dossier: JSON (public contract), FollowTheMoney, GraphML/GEXF, reports."""

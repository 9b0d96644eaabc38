"""Insights for managers and owners: charts and reports drawn from the weekly figures."""

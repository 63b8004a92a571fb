"""qn-dx: indicator calculator for Quảng Ngãi's yearly digital-transformation plans."""

__version__ = "0.1.0"

"""qn-dx: indicator calculator for Quảng Ngãi's 2023 digital-transformation plan."""

__version__ = "0.1.0"

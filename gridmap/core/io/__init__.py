"""Reading and writing files: boundary files, their encodings and fields, record tables, exports."""

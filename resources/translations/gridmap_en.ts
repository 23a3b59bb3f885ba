<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../gridmap/ui/main_window.py" line="853" />
        <source>%n grids selected</source>
        <translation><numerusform>%n grid selected</numerusform><numerusform>%n grids selected</numerusform></translation>
    </message>
</context>
</TS>